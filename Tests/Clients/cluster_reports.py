#!/usr/bin/env python3
"""A coordinator's inbox as docs/cluster-protocol.md describes it: binds a
ROUTER, loads the synthetic model and sends the agent a few inference
requests over HTTP, then takes the
agent's node reports until their demand has counted every request, and
prints that report and the next COUNT - 1 as one JSON line each. Exits 1 naming what did not arrive.

    cluster_reports.py ROUTER_ENDPOINT HTTP_ADDRESS REQUESTS COUNT
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

import zmq

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "docs", "cluster-protocol"))
import decode_report  # noqa: E402  (the protocol page's own decoder)

endpoint, http, requests, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
router = zmq.Context.instance().socket(zmq.ROUTER)
router.bind(endpoint)

body = json.dumps({"inputs": [{"name": "input", "shape": [1, 16], "datatype": "FP32", "data": [0.5] * 16}],
                   "parameters": {"priority": "standard"}}).encode()
load = urllib.request.Request(f"http://{http}/v2/repository/models/synthetic-matmul/load", data=b"{}",
                              headers={"Content-Type": "application/json"})
urllib.request.urlopen(load, timeout=30).read()
for _ in range(requests):
    request = urllib.request.Request(f"http://{http}/v2/models/synthetic-matmul/infer", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=10).read()
    except urllib.error.HTTPError as error:
        sys.exit(f"cluster_reports.py: the agent answered {error.code}: {error.read().decode()}")

seen, deadline = 0, time.monotonic() + 20
arrivals_total = 0.0
while seen < count:
    if not router.poll(max(1, int((deadline - time.monotonic()) * 1000))):
        sys.exit(f"cluster_reports.py: {seen} of {count} reports arrived in 20 s")
    identity, *frames = router.recv_multipart()
    report = decode_report.decode(*frames)
    model = {m.model: m for m in report.demand.models}["synthetic-matmul"]
    arrivals = sum(c.arrivals_per_second for c in model.classes) * report.interval_ms / 1000
    arrivals_total += arrivals
    if arrivals_total + 0.5 < requests:
        continue  # the requests are not all counted yet
    seen += 1
    print(json.dumps({
        "node": report.node, "sequence": report.sequence, "interval_ms": report.interval_ms,
        "ingress": report.ingress_endpoint, "public_key": report.public_key.hex(),
        "models": sorted(m.model for m in report.demand.models),
        "classes": [c.class_name for c in model.classes],
        "arrivals_so_far": round(arrivals_total, 3),
        "variants": [v.variant for v in model.variants],
        "domains": [{"workers": d.workers, "loaded": sorted(f"{v.model}/{v.variant}" for v in d.loaded_variants),
                     "spare": {s.model: s.requests_per_second for s in d.spare}}
                    for d in report.capacity.domains],
    }), flush=True)
