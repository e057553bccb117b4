#!/usr/bin/env bash
# A whole site on this machine, for trying the cluster: two coordinators and
# three agents on loopback, CURVE on every cluster socket and on the agents'
# ZeroMQ ingress (so forwarded requests are encrypted; send load over HTTP,
# or over ZeroMQ with the agent's public key), each agent with
# the same synthetic model at a different speed (gw-1 slow, gw-3 fast), so
# that load on gw-1 overflows to the others. Ctrl-C stops them all.
#
#   deploy/local-site.sh                 # builds edgesched (release) unless EDGESCHED names a binary
#   .build/release/edgesched load --url http://127.0.0.1:8101 --model site-model --rate 250 --duration 10s \
#       --class critical:0.2:50ms --class standard:0.8:200ms
#   curl -s 127.0.0.1:9101/metrics | grep edgesched_cluster_forward     # gw-1's forwards
#   curl -s 127.0.0.1:9201/metrics | grep edgesched_coordinator_        # coordinator-a
#
# Kill coordinator-a (its PID is printed) and watch coordinator-b take over;
# kill an agent and watch the coordinators drop it after three intervals.
# Everything it writes is in $SITE (a fresh temporary folder by default).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

if [ -z "${EDGESCHED:-}" ]; then
    scripts/setup.sh
    swift build -c release --product edgesched -Xswiftc -static-stdlib >&2
    EDGESCHED=.build/release/edgesched
fi
SITE=${SITE:-$(mktemp -d /tmp/edgesched-site.XXXXXX)}
mkdir -p "$SITE/keys/agents" "$SITE/logs"
echo "local-site: files in $SITE" >&2

for coordinator in coordinator-a coordinator-b; do
    "$EDGESCHED" keygen "$SITE/keys/$coordinator" --force >/dev/null
done
for agent in gw-1 gw-2 gw-3; do
    "$EDGESCHED" keygen "$SITE/keys/agents/$agent" --force >/dev/null
done

# coordinator-a: reports 7100, plans 7101, metrics 9201; coordinator-b: 7110, 7111, 9202.
coordinator_config() {
    local id=$1 reports=$2 plans=$3 metrics=$4 peer=$5 peer_plans=$6
    cat >"$SITE/$id.yaml" <<EOF
id: $id
reports: tcp://127.0.0.1:$reports
plans: tcp://127.0.0.1:$plans
peers:
  - {id: $peer, plans: "tcp://127.0.0.1:$peer_plans", public_key_file: $SITE/keys/$peer.pub}
agents: [gw-1, gw-2, gw-3]
interval: 500ms
takeover: 2s
metrics: {address: "127.0.0.1:$metrics"}
curve_secret_key_file: $SITE/keys/$id.key
agent_keys: $SITE/keys/agents
models:
  - name: site-model
    min_replicas: 3
    variants:
      - {name: full, service: 4ms, memory_mb: 1}
EOF
}
coordinator_config coordinator-a 7100 7101 9201 coordinator-b 7111
coordinator_config coordinator-b 7110 7111 9202 coordinator-a 7101

# gw-N: HTTP 810N, ZeroMQ 555N, metrics 910N; its model takes 8, 4 or 2 ms.
agent_config() {
    local node=$1 index=$2 milliseconds=$3
    mkdir -p "$SITE/models-$node"
    cat >"$SITE/models-$node/site-model.yaml" <<EOF
name: site-model
description: SYNTHETIC $milliseconds ms of arithmetic on $node
inputs:
  - {name: input, datatype: FP32, shape: [-1, 16]}
outputs:
  - {name: checksum, datatype: FP64, shape: [1]}
variants:
  - {name: full, runtime: synthetic, service_ms: $milliseconds, memory_mb: 1}
placement: {domains: all, preload: true}
EOF
    cat >"$SITE/$node.yaml" <<EOF
node_id: $node
models: {folder: $SITE/models-$node}
ingress: {http: "127.0.0.1:810$index", grpc: "127.0.0.1:820$index", zeromq: "tcp://127.0.0.1:555$index"}
zeromq: {curve_secret_key_file: $SITE/keys/agents/$node.key}   # forwarded requests arrive encrypted too
metrics: {address: "127.0.0.1:910$index"}
cluster:
  interval: 500ms
  curve_secret_key_file: $SITE/keys/agents/$node.key
  coordinators:
    - {id: coordinator-a, reports: "tcp://127.0.0.1:7100", plans: "tcp://127.0.0.1:7101", public_key_file: $SITE/keys/coordinator-a.pub}
    - {id: coordinator-b, reports: "tcp://127.0.0.1:7110", plans: "tcp://127.0.0.1:7111", public_key_file: $SITE/keys/coordinator-b.pub}
EOF
}
agent_config gw-1 1 8
agent_config gw-2 2 4
agent_config gw-3 3 2

pids=()
stop() {
    trap - INT TERM EXIT
    echo "local-site: stopping" >&2
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop INT TERM EXIT

for id in coordinator-a coordinator-b; do
    "$EDGESCHED" coordinator --config "$SITE/$id.yaml" 2>"$SITE/logs/$id.log" &
    pids+=($!)
    echo "local-site: $id (pid $!), log $SITE/logs/$id.log" >&2
done
for index in 1 2 3; do
    "$EDGESCHED" agent --config "$SITE/gw-$index.yaml" 2>"$SITE/logs/gw-$index.log" &
    pids+=($!)
    echo "local-site: gw-$index (pid $!) on http://127.0.0.1:810$index, log $SITE/logs/gw-$index.log" >&2
done
echo "local-site: running; Ctrl-C stops the site" >&2
wait
