#!/usr/bin/env python3
"""Bad input on both of a coordinator's inbound sockets, written from
docs/cluster-protocol.md: its ROUTER gets a good report, then reports cut
short, oversized, of another version, of random bytes, from a node outside
its allow-list and with an old sequence; its SUB (this script binds the PUB
its configuration names as a peer) gets the same kinds of garbage. After
each, the coordinator's /metrics must have counted it as the document says,
and at the end a good report must still be taken. Prints one line per check
and "all checks passed", or exits 1 naming the check that failed.

    coordinator_bad_input.py REPORTS_ENDPOINT PEER_PUB_ENDPOINT METRICS_ADDRESS
"""
import os
import random
import re
import struct
import sys
import time
import urllib.request

import zmq

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "docs", "cluster-protocol"))
import cluster_pb2  # noqa: E402

reports_endpoint, peer_endpoint, metrics = sys.argv[1], sys.argv[2], sys.argv[3]
seed = int(os.environ.get("EDGESCHED_SEED", random.randrange(1 << 32)))
print(f"seed {seed} (EDGESCHED_SEED replays it)", flush=True)
rng = random.Random(seed)
HEADER = struct.Struct("<4sHHI")
context = zmq.Context.instance()
dealer = context.socket(zmq.DEALER)
dealer.connect(reports_endpoint)
peer = context.socket(zmq.PUB)
peer.bind(peer_endpoint)


def report(node="gw-known.1", sequence=1):
    message = cluster_pb2.NodeReport(
        node=node, sequence=sequence, interval_ms=60000, ingress_endpoint="tcp://127.0.0.1:5999")
    model = message.demand.models.add(model="synthetic-matmul", queue_depth=0, variant_in_use="full")
    model.classes.add(class_name="standard", arrivals_per_second=1.0)
    domain = message.capacity.domains.add(domain=0, workers=1, utilisation=0.1)
    domain.loaded_variants.add(model="synthetic-matmul", variant="full")
    domain.spare.add(model="synthetic-matmul", requests_per_second=100.0)
    return message.SerializeToString()


def heartbeat(coordinator="coordinator-z"):
    return cluster_pb2.Heartbeat(coordinator=coordinator, active=False, epoch=1).SerializeToString()


def frames(payload, kind, version=1, length=None):
    return [HEADER.pack(b"ESCL", version, kind, len(payload) if length is None else length), payload]


def series(name, result):
    text = urllib.request.urlopen(f"http://{metrics}/metrics", timeout=5).read().decode()
    match = re.search(r"^" + re.escape(name) + r'\{result="' + result + r'"\} (\S+)$', text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def expect(check, name, result, send):
    """Sends until `name{result}` has grown by one: a PUB's first messages
    may go out before the subscriber has joined, so a peer message is sent
    again each half second; a report is sent once."""
    before = series(name, result)
    deadline = time.monotonic() + 15
    resend = 0.0
    while time.monotonic() < deadline:
        if time.monotonic() >= resend:
            send()
            resend = time.monotonic() + (0.5 if name.endswith("peer_messages_total") else 1e9)
        if series(name, result) >= before + 1:
            print(f"ok: {check}", flush=True)
            return
        time.sleep(0.05)
    sys.exit(f"FAILED: {check}: {name}{{result={result}}} stayed at {series(name, result)}")


reports = "edgesched_coordinator_reports_total"
peers = "edgesched_coordinator_peer_messages_total"
sequence = [1000]


def good():
    sequence[0] += 1
    return frames(report(sequence=sequence[0]), 1)


expect("a good report is taken", reports, "accepted", lambda: dealer.send_multipart(good()))
expect("a report without its payload", reports, "truncated", lambda: dealer.send_multipart(good()[:1]))
cut = good()
expect("a payload cut short", reports, "truncated", lambda: dealer.send_multipart([cut[0], cut[1][:-3]]))
big = bytes(rng.randrange(256) for _ in range(64)) * ((1 << 20) // 64 + 1)
expect("an oversized payload", reports, "oversized", lambda: dealer.send_multipart(frames(big, 1)))
expect("another version", reports, "wrong_version",
       lambda: dealer.send_multipart(frames(report(sequence=sequence[0] + 1), 1, version=2)))
noise = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))) for _ in range(2)]
expect("random bytes", reports, "undecodable", lambda: dealer.send_multipart(noise))
expect("a node outside the allow-list", reports, "unknown_node",
       lambda: dealer.send_multipart(frames(report(node="gw-stranger.9", sequence=5), 1)))
expect("an old sequence", reports, "old_sequence",
       lambda: dealer.send_multipart(frames(report(sequence=1), 1)))
expect("a field out of its limits", reports, "invalid",
       lambda: dealer.send_multipart(frames(report(node="bad node!", sequence=9), 1)))

expect("a peer's heartbeat is heard", peers, "heartbeat", lambda: peer.send_multipart(frames(heartbeat(), 3)))
expect("a peer's heartbeat of another version", peers, "wrong_version",
       lambda: peer.send_multipart(frames(heartbeat(), 3, version=7)))
expect("a peer's heartbeat cut short", peers, "truncated",
       lambda: peer.send_multipart(frames(heartbeat(), 3)[:1]))
expect("a node report on a peer's PUB", peers, "undecodable",
       lambda: peer.send_multipart(frames(report(), 1)))
expect("a peer's heartbeat naming no node", peers, "invalid",
       lambda: peer.send_multipart(frames(heartbeat(coordinator="no such id"), 3)))

expect("a good report is still taken", reports, "accepted", lambda: dealer.send_multipart(good()))
print("all checks passed")
