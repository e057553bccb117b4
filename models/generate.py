#!/usr/bin/env python3
"""Builds the ONNX models edgesched ships, with deterministic weights, their
int8 variants (ONNX Runtime's static quantization), and their manifests.

    python3 models/generate.py                    # rewrites models/*.onnx, *.yaml
    python3 models/generate.py vision             # only the named models
    python3 models/generate.py --vision-files DIR # only vision's .onnx files, into DIR

The vision model's files are over 5 MB and not committed: scripts/setup.sh
writes them with --vision-files and checks them against models/vision.sha256
(the same bytes every run).

Needs the onnx and onnxruntime packages (scripts/setup.sh installs them).
The service times in the manifests are first estimates measured here with
one intra-op thread; the agent learns the real ones online.
"""
import argparse
import hashlib
import os
import tempfile
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from onnxruntime.quantization import CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType, quantize_static

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


def manifest(name, description, inputs, outputs, rungs, notes=()):
    """A model's manifest: `rungs` are (variant, accuracy, service ms, memory MiB) from the preferred down, each in
    NAME.VARIANT.onnx; `notes` are comment lines under the generated-file line."""
    lines = ["# Generated by models/generate.py; edit the generator, not this file."]
    lines += [f"# {note}" for note in notes]
    lines += [f"name: {name}", f"description: {description}", "inputs:", inputs, "outputs:", outputs, "variants:"]
    for variant, accuracy, milliseconds, megabytes in rungs:
        lines += [f"  - name: {variant}", "    runtime: onnxruntime", f"    file: {name}.{variant}.onnx",
                  f"    accuracy: {accuracy}", f"    service_ms: {milliseconds}", f"    memory_mb: {megabytes}"]
    lines += ["placement:", "  domains: all", "  preload: true"]
    return "\n".join(lines) + "\n"


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
        f.write(manifest(name, description, tensors(graph.input), tensors(graph.output), [
            ("fp32", 1.0, service_ms(fp32_path, shapes), megabytes(fp32_path)),
            ("int8", agreement(fp32_path, int8_path, shapes), service_ms(int8_path, shapes), megabytes(int8_path)),
        ]))
    print(f"wrote {name}: {os.path.getsize(fp32_path)} + {os.path.getsize(int8_path)} bytes")


VISION_CLASSES = 10
VISION_SIDE = 224
VISION_SMALL_SIDE = 112


def vision_images(seed, count, side=VISION_SIDE):
    """Seeded camera-like images, normalized as ImageNet models take them:
    most energy at low spatial frequencies, as in photographs (random fields
    of 1 to 56 cells a side of 224 pixels, upsampled bilinearly, weaker the
    finer), plus a little pixel noise."""
    rng = np.random.default_rng(seed)
    images = np.zeros((count, 3, side, side), dtype=np.float32)
    for cells, amplitude in [(1, 1.0), (2, 1.0), (4, 0.8), (7, 0.7), (14, 0.5), (28, 0.35), (56, 0.25)]:
        cells = max(1, cells * side // VISION_SIDE)
        position = np.clip((np.arange(side) + 0.5) * cells / side - 0.5, 0, cells - 1)
        low = np.floor(position).astype(int)
        high = np.minimum(low + 1, cells - 1)
        interpolate = np.zeros((side, cells), dtype=np.float32)
        interpolate[np.arange(side), low] += 1 - (position - low)
        interpolate[np.arange(side), high] += position - low
        field = rng.standard_normal((count, 3, cells, cells), dtype=np.float32)
        rows = (field.reshape(-1, cells) @ interpolate.T).reshape(count * 3, cells, side)
        columns = interpolate @ rows.transpose(1, 0, 2).reshape(cells, -1)
        images += amplitude * columns.reshape(side, count, 3, side).transpose(1, 2, 0, 3)
    images += 0.1 * rng.standard_normal(images.shape, dtype=np.float32)
    images -= images.mean(axis=(1, 2, 3), keepdims=True)
    images /= images.std(axis=(1, 2, 3), keepdims=True)
    return images


VISION_SHIFT = 32
VISION_CLUTTER = 0.4


def vision_classes(seed):
    """Each class's scene, seeded: a camera-like image VISION_SHIFT pixels
    larger than the input each way, so that an image of the class can be a
    shifted view of it."""
    return vision_images(seed, VISION_CLASSES, side=VISION_SIDE + VISION_SHIFT)


def class_images(classes, seed, count):
    """`count` seeded images of random classes, and their labels: each a view
    of its class's scene at a random offset, mirrored half the time, its
    contrast and each channel's brightness varied, over a scene of its own
    (clutter, VISION_CLUTTER times as strong) that no other image shares."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, VISION_CLASSES, count)
    images = VISION_CLUTTER * vision_images(rng.integers(2**63), count)
    for image, label in zip(images, labels):
        top, left = rng.integers(0, VISION_SHIFT + 1, 2)
        view = classes[label, :, top:top + VISION_SIDE, left:left + VISION_SIDE]
        if rng.random() < 0.5:
            view = view[:, :, ::-1]
        image += rng.uniform(0.7, 1.3) * view + rng.normal(0, 0.2, (3, 1, 1)).astype(np.float32)
    return images, labels


def run_nodes(nodes, inits, feeds, output):
    """Runs a few nodes with ONNX Runtime (one thread, so the result is the
    same every run) on named arrays, giving one output."""
    graph = helper.make_graph(
        nodes, "step",
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, value.shape) for name, value in feeds.items()],
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    return session(model.SerializeToString()).run([output], feeds)[0]


class VisionGraph:
    """A ResNet-18-shaped network built layer by layer on a batch of images,
    with data-dependent initialization: each convolution's seeded weights are
    scaled and shifted so that its outputs over the batch have zero mean and
    unit variance per channel (a batch normalization with those statistics,
    folded into the convolution), which keeps a deep random network's
    activations from collapsing onto one direction."""

    def __init__(self, images):
        self.nodes, self.inits = [], []
        self.values = {"image": images}
        self.count = 0

    def step(self, node, inits=()):
        node.name = node.output[0]
        self.values[node.output[0]] = run_nodes([node], list(inits), {name: self.values[name] for name in node.input
                                                                      if name in self.values}, node.output[0])
        self.nodes.append(node)
        self.inits += inits
        return node.output[0]

    def conv(self, previous, weight, stride, relu=True, gain=1.0):
        index = self.count
        self.count += 1
        name = f"conv{index}"
        cout, _, kernel, _ = weight.shape
        attributes = dict(strides=[stride, stride], pads=[kernel // 2] * 4, kernel_shape=[kernel, kernel])
        raw = run_nodes([helper.make_node("Conv", [previous, "w"], ["y"], **attributes)], [initializer("w", weight)],
                        {previous: self.values[previous]}, "y")
        mean = raw.mean(axis=(0, 2, 3)).astype(np.float64)
        scale = gain / (raw.std(axis=(0, 2, 3)).astype(np.float64) + 1e-5)
        folded = weight * scale[:, None, None, None]
        output = self.step(helper.make_node("Conv", [previous, f"{name}.weight", f"{name}.bias"], [name], **attributes),
                           [initializer(f"{name}.weight", folded), initializer(f"{name}.bias", -mean * scale)])
        return self.step(helper.make_node("Relu", [output], [f"{name}.relu"])) if relu else output

    def add_relu(self, a, b):
        index = self.count
        self.count += 1
        added = self.step(helper.make_node("Add", [a, b], [f"add{index}"]))
        return self.step(helper.make_node("Relu", [added], [f"add{index}.relu"]))

    def features(self, previous):
        pooled = self.step(helper.make_node("GlobalAveragePool", [previous], ["pooled"]))
        return self.step(helper.make_node("Flatten", [pooled], ["features"], axis=1))

    def model(self, dense_weight, dense_bias, output="probabilities"):
        """The network so far with a dense layer to the classes and a softmax;
        `output` "features" or "logits" exposes an inner tensor instead."""
        nodes = self.nodes + [helper.make_node("Gemm", ["features", "dense.weight", "dense.bias"], ["logits"], name="logits"),
                              helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1, name="probabilities")]
        width = {"features": dense_weight.shape[0]}.get(output, VISION_CLASSES)
        graph = helper.make_graph(
            nodes, "vision",
            [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, VISION_SIDE, VISION_SIDE])],
            [helper.make_tensor_value_info(output, TensorProto.FLOAT, ["batch", width])],
            self.inits + [initializer("dense.weight", dense_weight), initializer("dense.bias", dense_bias)])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="edgesched models/generate.py")
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model)
        return model


def resnet18_weights(rng):
    """Seeded He-initialized weights of ResNet-18 (a 7x7 stem, four stages of
    two basic blocks at 64, 128, 256 and 512 channels; the classifier is
    fitted later), in the order the builder takes them."""
    he = lambda cout, cin, kernel: rng.normal(0, np.sqrt(2 / (cin * kernel * kernel)), (cout, cin, kernel, kernel))
    weights = {"stem": he(64, 3, 7), "blocks": []}
    cin = 64
    for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        for block in range(2):
            step = stride if block == 0 else 1
            shortcut = he(cout, cin, 1) if step != 1 or cin != cout else None
            weights["blocks"].append((he(cout, cin, 3), he(cout, cout, 3), shortcut, step))
            cin = cout
    return weights


def resnet_body(weights, images, side=VISION_SIDE):
    """Builds the convolutional part on the images; the residual branch's
    second convolution starts at a gain of 0.5 so the stream stays stable.
    At a smaller `side` the network first averages the 224x224 input down
    (2x2 blocks for 112), so every rung takes the same input, and the
    convolutions' folded normalization is fitted to the smaller images."""
    net = VisionGraph(images)
    x = "image"
    if side != VISION_SIDE:
        factor = [VISION_SIDE // side] * 2
        x = net.step(helper.make_node("AveragePool", [x], ["image.small"], kernel_shape=factor, strides=factor))
    x = net.conv(x, weights["stem"], 2)
    x = net.step(helper.make_node("MaxPool", [x], ["stem.pool"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]))
    for first, second, shortcut, stride in weights["blocks"]:
        y = net.conv(x, first, stride)
        y = net.conv(y, second, 1, relu=False, gain=0.5)
        skip = x if shortcut is None else net.conv(x, shortcut, stride, relu=False, gain=0.5)
        x = net.add_relu(skip, y)
    net.features(x)
    return net


def batched(model, images):
    """The model's one output on many images, 16 at a time."""
    run = session(model.SerializeToString())
    return np.concatenate([run.run(None, {"image": images[i:i + 16]})[0] for i in range(0, len(images), 16)])


def fitted_head(features, targets):
    """A linear probe: the dense layer fitted by ridge least squares from the
    features, centred and scaled by their statistics, to one-hot targets, and
    folded back to take the features as they are."""
    mean, spread = features.mean(axis=0), features.std(axis=0) + 1e-5
    design = np.hstack([(features - mean) / spread, np.ones((len(features), 1))])
    penalty = VISION_RIDGE * len(features) * np.diag([1.0] * features.shape[1] + [0.0])
    solution = np.linalg.solve(design.T @ design + penalty, design.T @ np.eye(VISION_CLASSES)[targets])
    dense = solution[:-1] / spread[:, None]
    return dense, solution[-1] - mean @ dense


VISION_TRAINING = 1024
VISION_RIDGE = 0.3


def vision_models(seed):
    """fp32 ResNet-18 and the same network on the input averaged down to
    112x112, each with its classifier fitted as a linear probe
    (fitted_head) on VISION_TRAINING seeded class-structured images: fp32's
    to the images' classes, the small one's to fp32's answers (distillation).
    The seeds: `seed` the convolutions, seed + 1 the batch their
    normalization is fitted to, seed + 2 the training images, seed + 3 the
    int8 calibration images, seed + 4 the held-out images the manifest's
    agreement is measured on, seed + 5 the classes' scenes."""
    weights = resnet18_weights(np.random.default_rng(seed))
    classes = vision_classes(seed + 5)
    batch, _ = class_images(classes, seed + 1, 32)
    nets = {"fp32": resnet_body(weights, batch), "small": resnet_body(weights, batch, VISION_SMALL_SIDE)}
    blank = np.zeros((512, VISION_CLASSES)), np.zeros(VISION_CLASSES)
    probes = {rung: net.model(*blank, output="features") for rung, net in nets.items()}
    features, labels = {rung: [] for rung in nets}, []
    for chunk in range(VISION_TRAINING // 256):
        images, truth = class_images(classes, [seed + 2, chunk], 256)
        labels.append(truth)
        for rung, probe in probes.items():
            features[rung].append(batched(probe, images).astype(np.float64))
    features, labels = {rung: np.concatenate(parts) for rung, parts in features.items()}, np.concatenate(labels)
    dense, bias = fitted_head(features["fp32"], labels)
    answers = (features["fp32"] @ dense + bias).argmax(axis=1)
    return nets["fp32"].model(dense, bias), nets["small"].model(*fitted_head(features["small"], answers))


class ImageCalibration(CalibrationDataReader):
    """32 seeded class-structured images, one at a time, so that the
    quantization is deterministic."""

    def __init__(self, classes, seed):
        images, _ = class_images(classes, seed, 32)
        self.batches = iter([{"image": image[None]} for image in images])

    def get_next(self):
        return next(self.batches, None)


def thread_ms(path, runs=100):
    """Median CPU time of the calling thread over one single-image inference,
    warm, one intra-op thread: with one thread ONNX Runtime computes on the
    caller, and its CPU time is what an idle core would take even while other
    work shares the machine (wall-clock time then counts the waiting too)."""
    run = session(path)
    feed = {"image": vision_images(0, 1)}
    for _ in range(10):
        run.run(None, feed)
    times = []
    for _ in range(runs):
        start = time.thread_time()
        run.run(None, feed)
        times.append(time.thread_time() - start)
    return round(float(np.median(times)) * 1000, 3)


VISION_DESCRIPTION = ("ResNet-18-shaped image classifier (seeded convolutions, classifier fitted by least squares "
                      "to seeded class-structured images), 3x224x224 in, 10 class probabilities out")
VISION_FILES = {"fp32": "vision.fp32.onnx", "int8": "vision.int8.onnx", "small-int8": "vision.small-int8.onnx"}


def quantized(source, target, seed):
    """Static quantization of the model in `source` into `target`: QOperator,
    uint8 activations and per-channel int8 weights, which VNNI multiplies;
    ranges at the 99.999th percentile of seeded calibration images; the
    pooling and classifier stay fp32, where the features' small differences
    between images would drown in int8 steps."""
    quantize_static(source, target, ImageCalibration(vision_classes(seed + 5), seed + 3),
                    quant_format=QuantFormat.QOperator, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8, per_channel=True, calibrate_method=CalibrationMethod.Percentile,
                    nodes_to_exclude=["pooled", "features", "logits", "probabilities"])


def build_vision_files(folder, seed):
    """Writes the three rungs' files into `folder`: fp32; int8, its static
    quantization (`quantized`); and small-int8, fp32's convolutions on the
    input averaged down to 112x112, quantized the same way (at 112x112 in
    fp32 it costs about as much as int8 at 224x224 and agrees less)."""
    full, small = vision_models(seed)
    paths = {rung: os.path.join(folder, file) for rung, file in VISION_FILES.items()}
    onnx.save(full, paths["fp32"])
    quantized(paths["fp32"], paths["int8"], seed)
    with tempfile.TemporaryDirectory() as scratch:
        onnx.save(small, os.path.join(scratch, "vision.small.onnx"))
        quantized(os.path.join(scratch, "vision.small.onnx"), paths["small-int8"], seed)
    return paths


def build_vision(seed):
    """The files, their hashes, and the manifest with the service times and
    each rung's top-1 agreement with fp32 on 256 held-out seeded images (of
    the classes the heads were fitted to, drawn with another seed); prints
    also fp32's accuracy on them against their classes."""
    paths = build_vision_files(HERE, seed)
    with open(os.path.join(HERE, "vision.sha256"), "w") as f:
        for path in paths.values():
            f.write(f"{hashlib.sha256(open(path, 'rb').read()).hexdigest()}  {os.path.basename(path)}\n")
    images, labels = class_images(vision_classes(seed + 5), seed + 4, 256)
    top = {rung: batched(onnx.load(path), images).argmax(axis=1) for rung, path in paths.items()}
    agreement_of = lambda rung: round(float(np.mean(top[rung] == top["fp32"])), 4)
    milliseconds = {rung: thread_ms(path) for rung, path in paths.items()}
    megabytes = lambda path: max(1, round(os.path.getsize(path) * 4 / 2**20))
    graph = onnx.load(paths["fp32"]).graph
    with open(os.path.join(HERE, "vision.yaml"), "w") as f:
        f.write(manifest(
            "vision", VISION_DESCRIPTION, tensors(graph.input), tensors(graph.output),
            [(rung, 1.0 if rung == "fp32" else agreement_of(rung), milliseconds[rung], megabytes(paths[rung]))
             for rung in VISION_FILES],
            notes=["The .onnx files are over 5 MB: scripts/setup.sh generates them",
                   "(models/vision.sha256 holds their hashes; setup checks them)."]))
    print(f"wrote vision: fp32 predicts {len(set(top['fp32']))} distinct classes on 256 held-out images, "
          f"{np.mean(top['fp32'] == labels):.4f} of them their true class; "
          f"agreement int8 {agreement_of('int8')}, small-int8 {agreement_of('small-int8')}; "
          f"service ms {milliseconds}; bytes {[os.path.getsize(p) for p in paths.values()]}")


SMALL_MODELS = {
    "classifier": ("image classifier, 3x64x64 in, 10 class probabilities out", classifier, 11),
    "sensor-mlp": ("sensor-series anomaly scorer, 32 readings in, 4 scores out", sensor_mlp, 12),
}
VISION_SEED = 21


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Builds the models edgesched ships, and their manifests.")
    parser.add_argument("models", nargs="*", help=f"which to build (default all): {', '.join([*SMALL_MODELS, 'vision'])}")
    parser.add_argument("--vision-files", metavar="DIR", help="write only the vision model's .onnx files, into DIR")
    arguments = parser.parse_args()
    if arguments.vision_files:
        build_vision_files(arguments.vision_files, VISION_SEED)
        raise SystemExit(0)
    unknown = [name for name in arguments.models if name != "vision" and name not in SMALL_MODELS]
    if unknown:
        parser.error(f"unknown model {unknown[0]!r}; the models are {', '.join([*SMALL_MODELS, 'vision'])}")
    for name, (description, make, seed) in SMALL_MODELS.items():
        if not arguments.models or name in arguments.models:
            build(name, description, make, seed)
    if not arguments.models or "vision" in arguments.models:
        build_vision(VISION_SEED)
