#!/usr/bin/env python3
"""The gRPC side of deadline_and_runtime_errors.py: an agent serving the
models of Tests/Clients/faulty_models.py, driven with tritonclient[grpc].

- DEADLINE_EXCEEDED: WORKERS + 3 requests for slow-loop (about 1.5 s of
  work declared as 1 ms) with a 300 ms timeout at once; one per worker runs
  (and answers late), the 3 left queued expire at their deadline.
- INTERNAL: a lookup index past the table fails in ONNX Runtime; the next
  good request on the same model is served.

    python3 Tests/Clients/grpc_deadline_and_runtime_errors.py GRPC_HOST:PORT WORKERS

Exits 0 when every check holds; prints one line per check.
"""
import queue
import sys
import time

import numpy as np
import tritonclient.grpc as triton
from tritonclient.utils import InferenceServerException

URL, WORKERS = sys.argv[1], int(sys.argv[2])
client = triton.InferenceServerClient(url=URL)


def check(condition, what):
    if not condition:
        print(f"FAIL {what}")
        sys.exit(1)
    print(f"ok   {what}")


def tensor(name, array):
    item = triton.InferInput(name, list(array.shape), {np.float32: "FP32", np.int64: "INT64"}[array.dtype.type])
    item.set_data_from_numpy(array)
    return [item]


answers = queue.Queue()
sent = time.perf_counter()
slow = np.array([[0.0, 1.0, 2.0, 3.0]], dtype=np.float32)
for number in range(WORKERS + 3):
    client.async_infer("slow-loop", tensor("x", slow), timeout=300_000,
                       callback=lambda result, error: answers.put((result, error, time.perf_counter() - sent)))
outcomes = [answers.get(timeout=60) for _ in range(WORKERS + 3)]
late = [t for result, error, t in outcomes if error is None]
expired = [(error, t) for result, error, t in outcomes if error is not None]
summary = [(e.status() if e else "OK", round(t, 3)) for _, e, t in outcomes]
check(len(late) == WORKERS and len(expired) == 3, f"{WORKERS} run, 3 expire in the queue: {summary}")
check(all(e.status() == "StatusCode.DEADLINE_EXCEEDED" and e.message().startswith("deadline_exceeded")
          for e, _ in expired), f"the expired ones are DEADLINE_EXCEEDED, reason deadline_exceeded: {summary}")
check(min(t for _, t in expired) >= 0.29 and max(t for _, t in expired) < min(late),
      f"they came at the deadline, while the workers were busy: {summary}")

try:
    client.infer("lookup", tensor("indices", np.array([1, 8], dtype=np.int64)))
    code, message = "OK", ""
except InferenceServerException as error:
    code, message = error.status(), error.message()
check(code == "StatusCode.INTERNAL" and message.startswith("runtime_error") and "Gather" in message,
      f"index 8 of 8 rows is INTERNAL runtime_error with ONNX Runtime's message: {code} {message}")
result = client.infer("lookup", tensor("indices", np.array([1, 3], dtype=np.int64)))
check(result.as_numpy(result.get_response().outputs[0].name).shape == (2, 4), "the next good request is served")
check(client.is_server_ready(), "the agent is still ready")
print("all checks passed")
