#!/usr/bin/env python3
"""Writes two ONNX models that misbehave on purpose, with their manifests,
into a folder for an agent started on it (the tests' own models, not shipped):

- slow-loop: a Loop of matrix products that runs about 1.5 s while its
  manifest says 1 ms, so requests queued behind it miss their deadlines;
- lookup: a Gather whose indices come from the request, so an index past
  the table fails in ONNX Runtime at run time.

    python3 Tests/Clients/faulty_models.py FOLDER

Needs the onnx and onnxruntime packages (scripts/setup.sh installs them).
"""
import os
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8
SIZE = 256
TARGET_SECONDS = 1.5


def save(model, folder, name):
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, f"{name}.onnx"))


def slow_loop(iterations):
    """y = x + mean(state) after `iterations` rounds of state = tanh(state @ weight)."""
    rng = np.random.default_rng(3)
    weight = numpy_helper.from_array((rng.standard_normal((SIZE, SIZE)) / np.sqrt(SIZE)).astype(np.float32), "weight")
    start = numpy_helper.from_array(rng.standard_normal((SIZE, SIZE)).astype(np.float32), "start")
    trips = numpy_helper.from_array(np.array(iterations, dtype=np.int64), "trips")
    keep = numpy_helper.from_array(np.array(True), "keep")
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["condition_in"], ["condition_out"]),
            helper.make_node("MatMul", ["state_in", "weight"], ["product"]),
            helper.make_node("Tanh", ["product"], ["state_out"]),
        ],
        "round",
        [
            helper.make_tensor_value_info("iteration", TensorProto.INT64, []),
            helper.make_tensor_value_info("condition_in", TensorProto.BOOL, []),
            helper.make_tensor_value_info("state_in", TensorProto.FLOAT, [SIZE, SIZE]),
        ],
        [
            helper.make_tensor_value_info("condition_out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("state_out", TensorProto.FLOAT, [SIZE, SIZE]),
        ],
    )
    graph = helper.make_graph(
        [
            helper.make_node("Loop", ["trips", "keep", "start"], ["state"], body=body),
            helper.make_node("ReduceMean", ["state"], ["mean"], keepdims=0),
            helper.make_node("Add", ["x", "mean"], ["y"]),
        ],
        "slow-loop",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4])],
        [weight, start, trips, keep],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION)


def seconds_per_run(model):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    x = np.zeros((1, 4), dtype=np.float32)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        session.run(None, {"x": x})
        times.append(time.perf_counter() - start)
    return min(times)


def lookup():
    """rows = table[indices]: ONNX Runtime refuses an index outside 0-7 at run time."""
    table = numpy_helper.from_array(np.arange(32, dtype=np.float32).reshape(8, 4), "table")
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "indices"], ["rows"], axis=0)],
        "lookup",
        [helper.make_tensor_value_info("indices", TensorProto.INT64, ["count"])],
        [helper.make_tensor_value_info("rows", TensorProto.FLOAT, ["count", 4])],
        [table],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION)


def manifest(name, description, inputs, outputs, service_ms):
    def tensors(specs):
        return "".join(f"  - name: {n}\n    datatype: {d}\n    shape: {s}\n" for n, d, s in specs)

    return (
        f"name: {name}\ndescription: {description}\ninputs:\n{tensors(inputs)}outputs:\n{tensors(outputs)}"
        f"variants:\n  - name: fp32\n    runtime: onnxruntime\n    file: {name}.fp32.onnx\n"
        f"    service_ms: {service_ms}\n    memory_mb: 1\nplacement:\n  domains: all\n  preload: true\n"
    )


def main(folder):
    probe = 32
    iterations = max(probe, int(probe * TARGET_SECONDS / seconds_per_run(slow_loop(probe))))
    save(slow_loop(iterations), folder, "slow-loop.fp32")
    with open(os.path.join(folder, "slow-loop.yaml"), "w") as file:
        file.write(manifest(
            "slow-loop", f"{iterations} matrix products (about {TARGET_SECONDS} s) declared as 1 ms",
            [("x", "FP32", "[-1, 4]")], [("y", "FP32", "[-1, 4]")], 1))
    save(lookup(), folder, "lookup.fp32")
    with open(os.path.join(folder, "lookup.yaml"), "w") as file:
        file.write(manifest(
            "lookup", "rows of an 8x4 table by index; an index past 7 fails at run time",
            [("indices", "INT64", "[-1]")], [("rows", "FP32", "[-1, 4]")], 0.01))
    print(f"slow-loop: {iterations} iterations")


if __name__ == "__main__":
    main(sys.argv[1])
