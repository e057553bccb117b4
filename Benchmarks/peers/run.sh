#!/usr/bin/env bash
# Side by side on this machine: the agent (release build) serving the peers'
# mlp.onnx beside Triton 2.51 and MLServer 1.7.1 serving the same file
# (../shared/peers: set them up first as their READMEs say), wrk -t2 -c8
# --latency with the same body, rounds alternating (../shared/peers/triton/bench.sh).
# First with JSON tensors (all three), then with binary tensors as tritonclient
# writes them with binary_data=True (the agent and Triton).
#
#   Benchmarks/peers/run.sh          ROUNDS=3 DURATION=8s; AGENT_RESERVE=none|0 (CPUs kept from workers), AGENT_SPIN=20us
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
peers=$root/../shared/peers
export PATH="/opt/swift/usr/bin:$PATH"
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }
swift build -c release --product edgesched >&2

models=$(mktemp -d)
cp Benchmarks/peers/mlp.yaml "$peers/mlserver/mlp/mlp.onnx" "$models/"
config=$(mktemp --suffix=.yaml)
cat >"$config" <<YAML
models: {folder: $models}
ingress: {http: "127.0.0.1:8020"}
metrics: null
placement: {reserve: "${AGENT_RESERVE:-none}"}
workers: {spin: ${AGENT_SPIN:-20us}}
YAML
.build/release/edgesched agent --config "$config" --log-level warning &
agent=$!
started=()
cleanup() {
    kill "$agent" 2>/dev/null || true
    for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$models" "$config"
}
trap cleanup EXIT
if ! curl -sf -o /dev/null http://127.0.0.1:8010/v2/health/ready; then
    # Only the mlp model: the shared repository's mlp_prio/mlp_sched hold their
    # model.py as a link target written into a file, which Triton cannot load.
    mkdir -p "$models/triton-repo"
    cp -r "$peers/triton/repo/mlp" "$models/triton-repo/"
    TRITON_REPO=$models/triton-repo "$peers/triton/start.sh" >/dev/null
    started+=("$(cat /tmp/triton-peer.pid)")
fi
if ! curl -sf -o /dev/null http://127.0.0.1:8090/v2/health/ready && [ -x /tmp/mlsvenv/bin/mlserver ]; then
    (cd "$peers/mlserver" && PEER_ONNX_MODEL=$PWD/mlp/mlp.onnx exec /tmp/mlsvenv/bin/mlserver start . >/tmp/mlserver-peer.log 2>&1) &
    started+=("$!")
fi
for _ in $(seq 100); do
    curl -sf -o /dev/null http://127.0.0.1:8020/v2/health/ready && curl -sf -o /dev/null http://127.0.0.1:8090/v2/health/ready && break
    sleep 0.2
done

rounds=${ROUNDS:-3}
duration=${DURATION:-8s}
# bench LUA NAME=URL...: a warm-up per target, then rounds of wrk, targets alternating in each.
bench() {
    local lua=$1
    shift
    for target in "$@"; do wrk -t1 -c2 -d2s -s "$lua" "${target#*=}" >/dev/null; done
    printf '%-10s %-5s %10s %9s %9s  %s\n' target round req/s p50 p99 errors
    for round in $(seq "$rounds"); do
        for target in "$@"; do
            out=$(wrk -t2 -c8 -d"$duration" --latency -s "$lua" "${target#*=}")
            printf '%-10s %-5s %10s %9s %9s  %s\n' "${target%%=*}" "$round" \
                "$(awk '/^Requests\/sec/{print $2}' <<<"$out")" "$(awk '$1=="50%"{print $2}' <<<"$out")" \
                "$(awk '$1=="99%"{print $2}' <<<"$out")" "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
        done
    done
}

json=$peers/mlserver/mlp_body.json
binary=$models/binary-body.bin
header_length=$(/tmp/triton-venv/bin/python Benchmarks/peers/binary_body.py "$binary")
for target in edgesched=8020 triton=8010; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/octet-stream' \
        -H "Inference-Header-Content-Length: $header_length" --data-binary @"$binary" \
        "http://127.0.0.1:${target#*=}/v2/models/mlp/infer")
    [ "$code" = 200 ] || { echo "run.sh: ${target%%=*} answers the binary body with HTTP $code" >&2; exit 1; }
done

echo "== JSON tensors ($json), wrk -t2 -c8 -d$duration --latency, $rounds rounds alternating"
BODY=$json bench "$peers/triton/post.lua" edgesched=http://127.0.0.1:8020/v2/models/mlp/infer \
    triton=http://127.0.0.1:8010/v2/models/mlp/infer mlserver=http://127.0.0.1:8090/v2/models/mlp/infer
echo "== binary tensors (tritonclient binary_data=True; JSON header $header_length bytes)"
BODY=$binary HEADER_LENGTH=$header_length bench "$root/Benchmarks/peers/post-binary.lua" \
    edgesched=http://127.0.0.1:8020/v2/models/mlp/infer triton=http://127.0.0.1:8010/v2/models/mlp/infer
