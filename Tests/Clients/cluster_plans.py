#!/usr/bin/env python3
"""A coordinator's plan publisher as docs/cluster-protocol.md describes it:
binds a PUB, publishes to the agent a plan, an older plan, one of another
protocol version, one cut short and a newer plan, and after each reads the
agent's /metrics until it counted it as it should. Prints "all checks
passed", or exits 1 naming the check that failed.

    cluster_plans.py PUB_ENDPOINT METRICS_ADDRESS
"""
import os
import re
import struct
import sys
import time
import urllib.request

import zmq

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "docs", "cluster-protocol"))
import cluster_pb2  # noqa: E402

endpoint, metrics = sys.argv[1], sys.argv[2]
HEADER = struct.Struct("<4sHHI")
publisher = zmq.Context.instance().socket(zmq.PUB)
publisher.bind(endpoint)


def plan(epoch):
    message = cluster_pb2.Plan(epoch=epoch, input_digest=0x1234, coordinator="coordinator-a")
    node = message.placements.add(node="gw-test.1")
    node.domains.add(domain=0).variants.add(model="synthetic-matmul", variant="full")
    route = message.routes.add(node="gw-test.1", model="synthetic-matmul")
    route.shares.add(peer="gw-test.2", share=0.75, peer_ingress_endpoint="tcp://127.0.0.1:5999")
    message.default_variants.add(model="synthetic-matmul", variant="full")
    return message.SerializeToString()


def frames(payload, version=1, length=None):
    return [HEADER.pack(b"ESCL", version, 2, len(payload) if length is None else length), payload]


def series(name):
    text = urllib.request.urlopen(f"http://{metrics}/metrics", timeout=5).read().decode()
    match = re.search(r"^" + re.escape(name) + r" (\S+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def expect(name, value, send):
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        send()  # a SUB that has just connected misses what came before: publish until it is counted
        time.sleep(0.1)
        if series(name) >= value:
            return
    sys.exit(f"cluster_plans.py: {name} stayed at {series(name)}, {value} expected")


expect('edgesched_cluster_plan_epoch', 5, lambda: publisher.send_multipart(frames(plan(5))))
expect('edgesched_cluster_plans_total{result="old_epoch"}', 1, lambda: publisher.send_multipart(frames(plan(3))))
expect('edgesched_cluster_plans_total{result="wrong_version"}', 1,
       lambda: publisher.send_multipart(frames(plan(9), version=7)))
expect('edgesched_cluster_plans_total{result="truncated"}', 1,
       lambda: publisher.send_multipart(frames(plan(9)[:-3], length=len(plan(9)))))
if series("edgesched_cluster_plan_epoch") != 5:
    sys.exit("cluster_plans.py: a dropped plan changed the epoch")
expect('edgesched_cluster_plan_epoch', 6, lambda: publisher.send_multipart(frames(plan(6))))
if series("edgesched_cluster_autonomous") != 0:
    sys.exit("cluster_plans.py: the agent says it is autonomous while it gets plans")
print("all checks passed")
