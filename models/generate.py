#!/usr/bin/env python3
"""Builds the small ONNX models edgesched ships, with deterministic weights,
their int8 variants (ONNX Runtime's static quantization, QDQ format), and
their manifests.

    python3 models/generate.py      # rewrites models/*.onnx and models/*.yaml

Needs the onnx and onnxruntime packages (scripts/setup.sh installs them).
The service times in the manifests are first estimates measured here with
one intra-op thread; the agent learns the real ones online.
"""
import os
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 17
IR_VERSION = 8


def initializer(name, array):
    return numpy_helper.from_array(array.astype(np.float32), name)


def classifier(rng):
    """An image classifier: 3 strided convolutions on 3x64x64, global average
    pooling, a dense layer to 10 classes, softmax."""
    layers = [(3, 16), (16, 32), (32, 64)]
    nodes, inits, previous = [], [], "image"
    for index, (cin, cout) in enumerate(layers):
        weight = rng.normal(0, np.sqrt(2 / (cin * 9)), (cout, cin, 3, 3))
        inits += [initializer(f"conv{index}.weight", weight), initializer(f"conv{index}.bias", rng.normal(0, 0.05, cout))]
        nodes += [
            helper.make_node("Conv", [previous, f"conv{index}.weight", f"conv{index}.bias"], [f"conv{index}"],
                             strides=[2, 2], pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
            helper.make_node("Relu", [f"conv{index}"], [f"relu{index}"]),
        ]
        previous = f"relu{index}"
    inits += [initializer("dense.weight", rng.normal(0, 0.2, (64, 10))), initializer("dense.bias", rng.normal(0, 0.05, 10))]
    nodes += [
        helper.make_node("GlobalAveragePool", [previous], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["features"], axis=1),
        helper.make_node("Gemm", ["features", "dense.weight", "dense.bias"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "classifier",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 64, 64])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 10])],
        inits,
    )
    return graph, {"image": (3, 64, 64)}


def sensor_mlp(rng):
    """A sensor-series model: a window of 32 readings through two hidden
    layers of 256 to 4 anomaly scores."""
    sizes = [32, 256, 256, 4]
    nodes, inits, previous = [], [], "series"
    for index, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
        inits += [initializer(f"fc{index}.weight", rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out))),
                  initializer(f"fc{index}.bias", rng.normal(0, 0.05, fan_out))]
        output = "scores" if index == len(sizes) - 2 else f"fc{index}"
        nodes.append(helper.make_node("Gemm", [previous, f"fc{index}.weight", f"fc{index}.bias"], [output]))
        if output != "scores":
            nodes.append(helper.make_node("Relu", [output], [f"relu{index}"]))
            previous = f"relu{index}"
    graph = helper.make_graph(
        nodes, "sensor_mlp",
        [helper.make_tensor_value_info("series", TensorProto.FLOAT, ["batch", 32])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 4])],
        inits,
    )
    return graph, {"series": (32,)}


class RandomCalibration(CalibrationDataReader):
    """A fixed set of seeded inputs, so that the quantization is deterministic."""

    def __init__(self, shapes, seed):
        rng = np.random.default_rng(seed)
        self.batches = iter([{name: rng.standard_normal((1, *shape)).astype(np.float32) for name, shape in shapes.items()}
                             for _ in range(32)])

    def get_next(self):
        return next(self.batches, None)


def session(path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def service_ms(path, shapes):
    """Median time of one single-item inference, warm, one thread."""
    run = session(path)
    feed = {name: np.random.default_rng(0).standard_normal((1, *shape)).astype(np.float32) for name, shape in shapes.items()}
    for _ in range(20):
        run.run(None, feed)
    times = []
    for _ in range(200):
        start = time.perf_counter()
        run.run(None, feed)
        times.append(time.perf_counter() - start)
    return round(float(np.median(times)) * 1000, 3)


def agreement(fp32_path, int8_path, shapes):
    """How often the int8 variant's top output agrees with fp32's, on 256 seeded inputs."""
    rng = np.random.default_rng(7)
    reference, quantized = session(fp32_path), session(int8_path)
    agree = 0
    for _ in range(256):
        feed = {name: rng.standard_normal((1, *shape)).astype(np.float32) for name, shape in shapes.items()}
        agree += int(np.argmax(reference.run(None, feed)[0]) == np.argmax(quantized.run(None, feed)[0]))
    return round(agree / 256, 4)


MANIFEST = """\
# Generated by models/generate.py; edit the generator, not this file.
name: {name}
description: {description}
inputs:
{inputs}
outputs:
{outputs}
variants:
  - name: fp32
    runtime: onnxruntime
    file: {name}.fp32.onnx
    accuracy: 1.0
    service_ms: {fp32_ms}
    memory_mb: {fp32_mb}
  - name: int8
    runtime: onnxruntime
    file: {name}.int8.onnx
    accuracy: {int8_accuracy}
    service_ms: {int8_ms}
    memory_mb: {int8_mb}
placement:
  domains: all
  preload: true
"""


def tensors(values):
    lines = []
    for value in values:
        dims = [d.dim_param and -1 or d.dim_value for d in value.type.tensor_type.shape.dim]
        lines += [f"  - name: {value.name}", "    datatype: FP32", f"    shape: [{', '.join(str(d) for d in dims)}]"]
    return "\n".join(lines)


def build(name, description, make, seed):
    graph, shapes = make(np.random.default_rng(seed))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="edgesched models/generate.py")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    fp32_path = os.path.join(HERE, f"{name}.fp32.onnx")
    int8_path = os.path.join(HERE, f"{name}.int8.onnx")
    onnx.save(model, fp32_path)
    quantize_static(fp32_path, int8_path, RandomCalibration(shapes, seed), quant_format=QuantFormat.QDQ,
                    activation_type=QuantType.QInt8, weight_type=QuantType.QInt8)
    megabytes = lambda path: max(1, round(os.path.getsize(path) * 4 / 2**20))
    with open(os.path.join(HERE, f"{name}.yaml"), "w") as f:
        f.write(MANIFEST.format(
            name=name, description=description,
            inputs=tensors(graph.input), outputs=tensors(graph.output),
            fp32_ms=service_ms(fp32_path, shapes), int8_ms=service_ms(int8_path, shapes),
            fp32_mb=megabytes(fp32_path), int8_mb=megabytes(int8_path),
            int8_accuracy=agreement(fp32_path, int8_path, shapes),
        ))
    print(f"wrote {name}: {os.path.getsize(fp32_path)} + {os.path.getsize(int8_path)} bytes")


if __name__ == "__main__":
    build("classifier", "image classifier, 3x64x64 in, 10 class probabilities out", classifier, seed=11)
    build("sensor-mlp", "sensor-series anomaly scorer, 32 readings in, 4 scores out", sensor_mlp, seed=12)
