#!/usr/bin/env python3
"""An allow-listed agent's key used to report as another allow-listed node:
over CURVE with gw-ok.1's own key pair, a report naming gw-ok.1 is taken,
while reports naming gw-other.1 (even carrying gw-other.1's public key,
which is public) are dropped as unknown_node: the coordinator takes a
report only from the connection that authenticated with its node's key.
Prints "all checks passed", or exits 1 naming the check that failed.

    cluster_impostor.py REPORTS_ENDPOINT METRICS_ADDRESS KEY_FOLDER COORDINATOR_ID
"""
import os
import re
import struct
import sys
import time
import urllib.request

import zmq
from zmq.utils import z85

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "docs", "cluster-protocol"))
import cluster_pb2  # noqa: E402

reports_endpoint, metrics, folder, coordinator = sys.argv[1:5]


def key(name):
    with open(os.path.join(folder, name)) as file:
        return file.read().strip().encode()


def series(result):
    text = urllib.request.urlopen(f"http://{metrics}/metrics", timeout=5).read().decode()
    match = re.search(rf'^edgesched_coordinator_reports_total\{{result="{result}"\}} (\S+)$', text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def report(node, public_key, sequence):
    message = cluster_pb2.NodeReport(
        node=node, sequence=sequence, public_key=z85.decode(public_key), interval_ms=60000,
        ingress_endpoint="tcp://127.0.0.1:5999")
    message.capacity.domains.add(domain=0, workers=1, utilisation=0.0)
    payload = message.SerializeToString()
    return [struct.pack("<4sHHI", b"ESCL", 1, 1, len(payload)), payload]


context = zmq.Context.instance()
context.setsockopt(zmq.LINGER, 0)
dealer = context.socket(zmq.DEALER)
dealer.curve_serverkey = key(f"{coordinator}.pub")
dealer.curve_publickey = key("gw-ok.1.pub")
dealer.curve_secretkey = key("gw-ok.1.key")
dealer.connect(reports_endpoint)
time.sleep(0.5)

accepted, unknown = series("accepted"), series("unknown_node")
for sequence in range(5):
    dealer.send_multipart(report("gw-other.1", key("gw-other.1.pub"), 1 << 62 | sequence), zmq.NOBLOCK)
dealer.send_multipart(report("gw-ok.1", key("gw-ok.1.pub"), 1 << 62), zmq.NOBLOCK)
deadline = time.monotonic() + 5
while time.monotonic() < deadline and series("unknown_node") - unknown < 5:
    time.sleep(0.1)
dropped = series("unknown_node") - unknown
if dropped < 5:
    counts = {result: series(result) for result in ("accepted", "unknown_node", "old_sequence", "invalid")}
    sys.exit(f"FAILED: (counts now {counts}, accepted before {accepted}) {dropped:.0f} of 5 reports as gw-other.1 over gw-ok.1's connection were dropped")
print("ok: reports naming another node over an allowed key are dropped as unknown_node")
if series("accepted") - accepted < 1:
    sys.exit("FAILED: the same connection's report as its own node gw-ok.1 was not taken")
print("ok: the same connection's report as its own node is taken")
print("all checks passed")
