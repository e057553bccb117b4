#!/usr/bin/env python3
"""Loads synthetic-matmul on a running agent (or waits while its plan is
loading it: the load answers 503 while the model is changing), then sends
one inference request over HTTP every 20 ms until the file STOP_FILE exists, and prints
one JSON line: {"sent": N, "ok": N, "failed": [reasons]}. A request that
is not answered 200 counts as failed with its status or error.

    steady_requests.py HTTP STOP_FILE
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

http, stop = sys.argv[1], sys.argv[2]
load = urllib.request.Request(f"http://{http}/v2/repository/models/synthetic-matmul/load", b"", method="POST")
deadline = time.monotonic() + 30
while True:
    try:
        urllib.request.urlopen(load, timeout=30).read()
        break
    except urllib.error.HTTPError as error:
        if error.code != 503 or time.monotonic() > deadline:
            raise
        time.sleep(0.1)
body = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}]})
sent, ok, failed = 0, 0, []
while not os.path.exists(stop):
    request = urllib.request.Request(
        f"http://{http}/v2/models/synthetic-matmul/infer", body.encode(), {"Content-Type": "application/json"})
    sent += 1
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            ok += response.status == 200
    except urllib.error.HTTPError as error:
        failed.append(f"{error.code}: {error.read()[:200]!r}")
    except OSError as error:
        failed.append(str(error))
    time.sleep(0.02)
print(json.dumps({"sent": sent, "ok": ok, "failed": failed}))
