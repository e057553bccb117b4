#!/usr/bin/env bash
# The ZeroMQ ingress's overhead (issue 13, "Overhead"): a no-op synthetic
# model (service_ms 0) through the agent beside a raw libzmq ROUTER echo, the
# same 297-byte request (docs/protocol.md, FP32 [1, 60]), 1 and 64 in flight
# from one DEALER thread (ZeroMQBenchmark client); then both with CURVE, and
# the same request as JSON over HTTP with wrk for contrast. Every target runs
# in every round, rounds alternating; the table shows the medians of the
# rounds and the issue's ratios (goal: agent p50 and p99 at most 2x the echo's
# with 1 in flight, agent round trips/s at least 0.25x the echo's at 64).
# Refusals, unmatched replies and lost requests are errors, never speed.
#
#   Benchmarks/zeromq/run.sh        ROUNDS=3 DURATION=5s (per client run, after a 1 s warm-up)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
# One product per `swift build`: given two --product flags, SwiftPM builds only the last.
swift build -c release --product edgesched >&2
swift build -c release --product ZeroMQBenchmark >&2
bin=$(swift build -c release --show-bin-path)
rounds=${ROUNDS:-3}
duration=${DURATION:-5s}

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/models"
cat >"$work/models/noop.yaml" <<YAML
name: noop
description: no work at all (service_ms 0), for the ingress's own overhead
inputs: [{name: x, datatype: FP32, shape: [-1, 60]}]
outputs: [{name: checksum, datatype: FP64, shape: [1]}]
variants: [{name: none, runtime: synthetic, service_ms: 0, memory_mb: 1}]
placement: {domains: all, preload: true}
YAML
server_key=$("$bin/ZeroMQBenchmark" keypair "$work/server.secret")
for name in plain curve; do
    {
        echo "models: {folder: $work/models}"
        echo "metrics: null"
        echo 'placement: {reserve: "0"}'
        echo "ingress: {http: 127.0.0.1:0}"
        [ "$name" = curve ] && echo "zeromq: {curve_secret_key_file: $work/server.secret}"
    } >"$work/agent-$name.yaml"
done

# wait_for LOG PATTERN: the last field of the first line of LOG matching PATTERN, once it appears.
wait_for() {
    for _ in $(seq 300); do
        line=$(grep -m1 -- "$2" "$1" || true)
        [ -n "$line" ] && { awk '{print $NF}' <<<"$line"; return; }
        sleep 0.1
    done
    echo "run.sh: no '$2' in $1 after 30 s:" >&2
    cat "$1" >&2
    exit 1
}

"$bin/ZeroMQBenchmark" echo 'tcp://127.0.0.1:*' >"$work/echo.log" 2>&1 &
pids+=($!)
"$bin/ZeroMQBenchmark" echo 'tcp://127.0.0.1:*' --curve-secret-key-file "$work/server.secret" \
    >"$work/echo-curve.log" 2>&1 &
pids+=($!)
for name in plain curve; do
    "$bin/edgesched" agent --config "$work/agent-$name.yaml" --http 127.0.0.1:0 --grpc 127.0.0.1:0 --zeromq 'tcp://127.0.0.1:*' \
        >"$work/agent-$name.log" 2>&1 &
    pids+=($!)
done
echo_endpoint=$(wait_for "$work/echo.log" "serving on")
echo_curve_endpoint=$(wait_for "$work/echo-curve.log" "serving on")
agent_endpoint=$(wait_for "$work/agent-plain.log" "serving protocol v1 on")
agent_curve_endpoint=$(wait_for "$work/agent-curve.log" "serving protocol v1 on")
http=$(wait_for "$work/agent-plain.log" "serving the Open Inference Protocol on")
wait_for "$work/agent-plain.log" "lifecycle: serving" >/dev/null
wait_for "$work/agent-curve.log" "lifecycle: serving" >/dev/null
grep -h -m1 "zeromq: libzmq" "$work/agent-curve.log" | sed 's/^.*zeromq: /agent: /'
head -1 "$work/echo.log"
libzmq=$(ldconfig -p | awk '/libzmq\.so\.5 /{print $NF; exit}')
if [ -z "$libzmq" ]; then
    echo "libzmq's CURVE: unknown (no libzmq.so.5 in ldconfig's cache)"
elif [[ $(ldd "$libzmq") == *libsodium* ]]; then
    echo "libzmq's CURVE: libsodium ($libzmq)"
else
    echo "libzmq's CURVE: its bundled tweetnacl ($libzmq)"
fi

body=$work/body.json
printf '{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1, 60], "data": [%s]}]}' \
    "$(seq 0 59 | awk '{print $1 % 7 ".0"}' | paste -sd, -)" >"$body"
code=$(curl -s -o "$work/http-reply.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$body" "http://$http/v2/models/noop/infer")
[ "$code" = 200 ] || { echo "run.sh: the agent answers the HTTP request with $code: $(cat "$work/http-reply.json")" >&2; exit 1; }

results=$work/results.txt
# client TARGET ENDPOINT IN_FLIGHT [SERVER_KEY]: one client run, its line in the results.
client() {
    local key=()
    [ -n "${4:-}" ] && key=(--curve-server-key "$4")
    out=$("$bin/ZeroMQBenchmark" client "$2" --in-flight "$3" --duration "$duration" "${key[@]}")
    echo "round=$round target=$1 $out" | tee -a "$results" | sed -n '1p;/refused/p' >&2
}
# http CONNECTIONS: one wrk run against the agent's HTTP ingress, as a results line.
http_run() {
    local threads=$(($1 > 1 ? 2 : 1))
    out=$(BODY=$body wrk -t"$threads" -c"$1" -d"$duration" --latency -s "$root/Benchmarks/zeromq/post-json.lua" \
        "http://$http/v2/models/noop/infer")
    errors=$(awk '/Non-2xx/{n+=$NF} /Socket errors/{gsub(",", ""); n+=$4+$6+$8+$10} END{print n+0}' <<<"$out")
    echo "round=$round target=agent-http client in_flight=$1 curve=off" \
        "round_trips_per_s=$(awk '/^Requests\/sec/{print $2}' <<<"$out")" \
        "p50=$(awk '$1=="50%"{print $2}' <<<"$out") p99=$(awk '$1=="99%"{print $2}' <<<"$out") errors=$errors" |
        tee -a "$results" >&2
}

BODY=$body wrk -t1 -c4 -d1s -s "$root/Benchmarks/zeromq/post-json.lua" "http://$http/v2/models/noop/infer" >/dev/null
for round in $(seq "$rounds"); do
    for in_flight in 1 64; do
        client echo "$echo_endpoint" "$in_flight"
        client agent "$agent_endpoint" "$in_flight"
        client echo-curve "$echo_curve_endpoint" "$in_flight" "$server_key"
        client agent-curve "$agent_curve_endpoint" "$in_flight" "$server_key"
        http_run "$in_flight"
    done
done

echo
echo "== medians of $rounds rounds, $duration each; 297-byte requests (the agent answers 76 bytes, the echo 297)"
python3 - "$results" <<'PY'
import re, statistics, sys

def microseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 1, "ms": 1e3, "s": 1e6}[unit]

runs = {}
for line in open(sys.argv[1]):
    if not line.startswith("round="):
        continue  # a client's refusals by reason, shown as it ran
    fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
    p50 = float(fields["p50_us"]) if "p50_us" in fields else microseconds(fields["p50"])
    p99 = float(fields["p99_us"]) if "p99_us" in fields else microseconds(fields["p99"])
    runs.setdefault((fields["target"], int(fields["in_flight"])), []).append(
        (float(fields["round_trips_per_s"]), p50, p99, int(fields["errors"])))
median = {key: tuple(statistics.median(r[i] for r in rows) for i in range(3)) + (sum(r[3] for r in rows),)
          for key, rows in runs.items()}
print(f"{'target':<12} {'in flight':>9} {'round trips/s':>14} {'p50 µs':>9} {'p99 µs':>9} {'errors':>7}")
for (target, in_flight), (rate, p50, p99, errors) in sorted(median.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    print(f"{target:<12} {in_flight:>9} {rate:>14,.0f} {p50:>9.1f} {p99:>9.1f} {errors:>7}")
print()
for agent, echo in (("agent", "echo"), ("agent-curve", "echo-curve")):
    a1, e1, a64, e64 = median[(agent, 1)], median[(echo, 1)], median[(agent, 64)], median[(echo, 64)]
    print(f"{agent} ÷ {echo}: 1 in flight p50 {a1[1] / e1[1]:.2f}x, p99 {a1[2] / e1[2]:.2f}x (goal ≤ 2x); "
          f"64 in flight round trips/s {a64[0] / e64[0]:.2f} (goal ≥ 0.25)")
for slow, fast in (("echo-curve", "echo"), ("agent-curve", "agent")):
    print(f"CURVE's cost, {slow} ÷ {fast}: round trips/s at 64 {median[(slow, 64)][0] / median[(fast, 64)][0]:.2f}, "
          f"p50 at 1 {median[(slow, 1)][1] / median[(fast, 1)][1]:.2f}x")
print(f"agent over HTTP ÷ over ZeroMQ: round trips/s at 64 "
      f"{median[('agent-http', 64)][0] / median[('agent', 64)][0]:.2f}, "
      f"p50 at 1 {median[('agent-http', 1)][1] / median[('agent', 1)][1]:.2f}x")
total = sum(m[3] for m in median.values())
print("state: every request answered 200" if total == 0 else
      f"state: {total} errors (refusals, unmatched or lost): the figures above are not to be trusted")
sys.exit(0 if total == 0 else 1)
PY
