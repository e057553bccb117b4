#!/usr/bin/env bash
# Simulator fidelity, end to end: record a real overload run of the agent,
# then replay the recording in the simulator under the agent's own policy,
# under fifo, and with the batch class's weight doubled (docs/scheduling.md,
# "Replaying a recording").
#
#     Benchmarks/replay/run.sh [OUT_DIR]     (RATE=400 DURATION=25s SEED=7 REPLAY_SEED=1)
#
# The agent (release build; EDGESCHED=path overrides .build/release/edgesched)
# runs one worker on CPU 1 (`reserve: "0"` keeps CPU 0 for the HTTP event loop
# and the load generator) serving synthetic-matmul (5 ms preferred variant,
# 2 ms cheaper one): 200/s on the preferred variant, so RATE=400 is 2x. Mixed
# classes as in Benchmarks/overload: 10 % critical 50 ms, 60 % standard
# 200 ms, 30 % batch 2 s. The load stops before SIGTERM, so the drain
# refuses nothing. Everything lands in OUT_DIR: the configurations, the
# recording, the load report, and the replays as text and JSON.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BINARY="${EDGESCHED:-$ROOT/.build/release/edgesched}"
OUT="${1:-$(mktemp -d /tmp/edgesched-replay.XXXXXX)}"
RATE="${RATE:-400}"
DURATION="${DURATION:-25s}"
SEED="${SEED:-7}"
REPLAY_SEED="${REPLAY_SEED:-1}"
mkdir -p "$OUT"
[ -x "$BINARY" ] || { echo "no edgesched at $BINARY: swift build -c release --product edgesched" >&2; exit 1; }

classes='classes:
  - {name: critical, strict: true, timeout: 50ms, max_queue: 1000}
  - {name: standard, weight: 4, timeout: 200ms, max_queue: 5000}
  - {name: batch, weight: BATCH_WEIGHT, timeout: 2s, max_queue: 20000, sheddable: true}'
printf 'placement: {reserve: "0"}\nrecording: {path: %s/overload.esrec, max_mb: 256}\n%s\n' \
    "$OUT" "${classes/BATCH_WEIGHT/1}" > "$OUT/agent.yaml"
printf 'placement: {reserve: "0"}\n%s\n' "${classes/BATCH_WEIGHT/2}" > "$OUT/batch-weight-2.yaml"

"$BINARY" agent --config "$OUT/agent.yaml" --http 127.0.0.1:0 --zeromq 'tcp://127.0.0.1:*' \
    --metrics 127.0.0.1:0 2> "$OUT/agent.log" &
AGENT=$!
trap 'kill $AGENT 2>/dev/null || true' EXIT
HTTP=""
for _ in $(seq 1 300); do
    HTTP="$(sed -n 's/.*Open Inference Protocol on \([^ ]*\).*/\1/p' "$OUT/agent.log" | head -1)"
    [ -n "$HTTP" ] && break
    kill -0 $AGENT 2>/dev/null || { cat "$OUT/agent.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$HTTP" ] || { echo "the agent did not start listening" >&2; exit 1; }
curl -sf -X POST "http://$HTTP/v2/repository/models/synthetic-matmul/load" > /dev/null

"$BINARY" load --url "http://$HTTP" --model synthetic-matmul --rate "$RATE" --duration "$DURATION" \
    --connections 4000 --seed "$SEED" --class critical:0.1:50ms --class standard:0.6:200ms \
    --class batch:0.3:2s > "$OUT/load.txt"
kill -TERM $AGENT
wait $AGENT || true
trap - EXIT

"$BINARY" record inspect "$OUT/overload.esrec" > "$OUT/inspect.txt"
replay() {
    local name="$1"; shift
    "$BINARY" bench sched --replay "$OUT/overload.esrec" --seed "$REPLAY_SEED" "$@" > "$OUT/$name.txt"
    "$BINARY" bench sched --replay "$OUT/overload.esrec" --seed "$REPLAY_SEED" "$@" --format json \
        > "$OUT/$name.json"
}
replay edgesched --policy edgesched --config "$OUT/agent.yaml"
replay fifo --policy fifo --config "$OUT/agent.yaml"
replay batch-weight-2 --policy edgesched --config "$OUT/batch-weight-2.yaml"
for name in edgesched fifo batch-weight-2; do
    echo "== $name"
    cat "$OUT/$name.txt"
done
echo "files in $OUT"
