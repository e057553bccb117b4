#!/usr/bin/env python3
"""A node report in Python: reads a cluster message's two frames as hex lines
on stdin and prints what it says on stderr; then writes it re-encoded the same
way on stdout, or, given a coordinator's endpoint, sends it there as the next
report (sequence + 1) from a DEALER socket. docs/cluster-protocol.md walks
through it; ClusterTests runs both against the Swift side."""
import struct
import sys

import zmq

import cluster_pb2  # generated from Sources/Cluster/Wire/cluster.proto by scripts/generate-protos.sh

HEADER = struct.Struct("<4sHHI")  # magic, version, kind, payload length; little-endian, 12 bytes
MAGIC, VERSION, NODE_REPORT = b"ESCL", 1, 1


def decode(header, payload):
    magic, version, kind, length = HEADER.unpack(header)
    if (magic, version, kind, length) != (MAGIC, VERSION, NODE_REPORT, len(payload)):
        raise ValueError(f"not a version 1 node report: header {header.hex()}, payload {len(payload)} bytes")
    return cluster_pb2.NodeReport.FromString(payload)


def encode(report):
    payload = report.SerializeToString()
    return [HEADER.pack(MAGIC, VERSION, NODE_REPORT, len(payload)), payload]


if __name__ == "__main__":
    header, payload = (bytes.fromhex(line) for line in sys.stdin.read().split())
    report = decode(header, payload)
    models = {m.model: sum(c.arrivals_per_second for c in m.classes) for m in report.demand.models}
    print(f"{report.node} #{report.sequence} every {report.interval_ms} ms, arrivals/s {models}", file=sys.stderr)
    if len(sys.argv) > 1:  # a coordinator's ROUTER endpoint
        report.sequence += 1
        dealer = zmq.Context.instance().socket(zmq.DEALER)
        dealer.setsockopt(zmq.IMMEDIATE, 1)  # writable only once connected, so the send is not dropped at exit
        dealer.connect(sys.argv[1])
        if not dealer.poll(30000, zmq.POLLOUT):
            sys.exit(f"no connection to {sys.argv[1]} within 30 s")
        dealer.send_multipart(encode(report))
        dealer.close(linger=30000)
    else:
        for frame in encode(report):
            print(frame.hex())
