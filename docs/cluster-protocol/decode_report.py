#!/usr/bin/env python3
"""A node report in Python: reads a cluster message's two frames as hex lines
on stdin, prints what it says on stderr, and writes it re-encoded the same
way on stdout. docs/cluster-protocol.md walks through it; ClusterTests runs it
against the Swift encoder's bytes."""
import struct
import sys

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
    for frame in encode(report):  # a DEALER sends these: socket.send_multipart(encode(report))
        print(frame.hex())
