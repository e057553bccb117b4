#!/usr/bin/env python3
"""Drives an agent serving the models of Tests/Clients/faulty_models.py and
checks the two answers that only misbehaving models show through HTTP:

- 504 deadline_exceeded: WORKERS + 3 requests for slow-loop (about 1.5 s of
  work declared as 1 ms) with a 300 ms timeout at once. All are admitted; one
  per worker runs (and answers late, 200); the 3 left queued are answered by
  the deadline timer while the workers are still busy.
- 500 runtime_error: a lookup index past the table fails in ONNX Runtime;
  the next good request on the same model is served.

    python3 Tests/Clients/deadline_and_runtime_errors.py HOST:PORT MODELS_DIR WORKERS

Exits 0 when every check holds; prints one line per check, and the first
failure with what was expected and what came back.
"""
import sys
import threading
import time

import numpy as np
import onnxruntime as ort
import requests

URL, MODELS, WORKERS = sys.argv[1], sys.argv[2], int(sys.argv[3])
BASE = f"http://{URL}"
TIMEOUT_US = 300_000


def check(condition, what):
    if not condition:
        print(f"FAIL {what}")
        sys.exit(1)
    print(f"ok   {what}")


def infer(model, inputs, **parameters):
    body = {"inputs": inputs}
    if parameters:
        body["parameters"] = parameters
    return requests.post(f"{BASE}/v2/models/{model}/infer", json=body)


def reason(answer):
    try:
        return answer.json().get("reason")
    except ValueError:
        return None


slow_input = [{"name": "x", "datatype": "FP32", "shape": [1, 4], "data": [0.0, 1.0, 2.0, 3.0]}]
answers = [None] * (WORKERS + 3)


def send(index, sent):
    answer = infer("slow-loop", slow_input, timeout=TIMEOUT_US)
    answers[index] = (answer, time.perf_counter() - sent)


threads = [threading.Thread(target=send, args=(i, time.perf_counter())) for i in range(len(answers))]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
late = [(a, t) for a, t in answers if a.status_code == 200]
expired = [(a, t) for a, t in answers if a.status_code == 504]
summary = [(a.status_code, reason(a), round(t, 3)) for a, t in answers]
check(len(late) == WORKERS and len(expired) == 3, f"{WORKERS} run, 3 expire in the queue: {summary}")
check(all(reason(a) == "deadline_exceeded" for a, _ in expired), f"504s carry reason deadline_exceeded: {summary}")
service_us = [a.json()["parameters"]["edgesched_service_us"] for a, _ in late]
check(min(service_us) > TIMEOUT_US, f"slow-loop ran past the 300 ms timeout (service µs {service_us})")
check(min(t for _, t in expired) >= 0.29, f"the 504s came at the deadline, not at once: {summary}")
check(max(t for _, t in expired) < min(t for _, t in late), f"the 504s came while the workers were busy: {summary}")

options = ort.SessionOptions()
options.intra_op_num_threads = 1
table = ort.InferenceSession(f"{MODELS}/lookup.fp32.onnx", options, providers=["CPUExecutionProvider"])
bad = [{"name": "indices", "datatype": "INT64", "shape": [2], "data": [1, 8]}]
answer = infer("lookup", bad)
check(answer.status_code == 500 and reason(answer) == "runtime_error", f"index 8 of 8 rows is 500 runtime_error: {answer.status_code} {answer.text}")
check("lookup" in answer.json()["error"] and "Gather" in answer.json()["error"], f"the error names the model and ONNX Runtime's message: {answer.text}")
good = [{"name": "indices", "datatype": "INT64", "shape": [2], "data": [1, 3]}]
answer = infer("lookup", good)
check(answer.status_code == 200, f"the next good request is served: {answer.status_code} {answer.text}")
rows = answer.json()["outputs"][0]
expected = table.run(None, {"indices": np.array([1, 3], dtype=np.int64)})[0]
check(rows["shape"] == [2, 4] and np.array_equal(np.array(rows["data"], dtype=np.float32).reshape(2, 4), expected), f"its rows equal onnxruntime's: {rows}")
answer = requests.get(f"{BASE}/v2/health/ready")
check(answer.status_code == 200, "the agent is still ready")
print("all checks passed")
