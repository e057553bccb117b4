#!/usr/bin/env python3
"""A plaintext peer against a coordinator whose sockets use CURVE: its SUB
must receive nothing from the coordinator's PUB, and the report its DEALER
sends must never reach the coordinator (no report of any result is counted
and the live nodes stay as they were). Prints "all checks passed", or exits
1 naming the check that failed.

    cluster_plaintext.py REPORTS_ENDPOINT PLANS_ENDPOINT METRICS_ADDRESS
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

reports_endpoint, plans_endpoint, metrics = sys.argv[1], sys.argv[2], sys.argv[3]
context = zmq.Context.instance()
context.setsockopt(zmq.LINGER, 0)


def scrape():
    text = urllib.request.urlopen(f"http://{metrics}/metrics", timeout=5).read().decode()
    dropped = sum(float(value) for value in re.findall(
        r'^edgesched_coordinator_reports_total\{result="(?!accepted)[^"]+"\} (\S+)$', text, re.MULTILINE))
    nodes = re.search(r"^edgesched_coordinator_nodes (\S+)$", text, re.MULTILINE)
    return dropped, float(nodes.group(1)) if nodes else 0.0


before = scrape()
subscriber = context.socket(zmq.SUB)
subscriber.setsockopt(zmq.SUBSCRIBE, b"ESCL")
subscriber.connect(plans_endpoint)
dealer = context.socket(zmq.DEALER)
dealer.connect(reports_endpoint)
report = cluster_pb2.NodeReport(
    node="gw-plain.1", sequence=1, interval_ms=60000, ingress_endpoint="tcp://127.0.0.1:5999").SerializeToString()
# A DEALER without a connected peer cannot queue; the handshake never
# completes here, so every send but one that slips into a pipe that is about
# to fail is refused at once (never a blocking send, which would hang).
for _ in range(10):
    try:
        dealer.send_multipart([struct.pack("<4sHHI", b"ESCL", 1, 1, len(report)), report], zmq.NOBLOCK)
    except zmq.Again:
        pass
    time.sleep(0.1)
received = 0
deadline = time.monotonic() + 1.5
while time.monotonic() < deadline:
    if subscriber.poll(100):
        subscriber.recv_multipart()
        received += 1
if received:
    sys.exit(f"FAILED: a plaintext SUB received {received} messages from a CURVE PUB")
print("ok: a plaintext SUB receives nothing")
after = scrape()
if after[0] != before[0] or after[1] != before[1]:
    sys.exit(f"FAILED: the plaintext report reached the coordinator: dropped, nodes {before} -> {after}")
print(f"ok: a plaintext report never reaches the coordinator (dropped, nodes {after})")
print("all checks passed")
