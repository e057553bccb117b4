#!/usr/bin/env python3
"""Drives a running edgesched agent with Triton's own gRPC client
(PyPI tritonclient[grpc]), as an application would, and checks every answer:
metadata, inference on every shipped model and variant against onnxruntime,
the bidirectional stream, priority and the client's deadline, every status
code the agent answers with, and bad input on the wire.

    python3 Tests/Clients/tritonclient_grpc.py GRPC_HOST:PORT MODELS_DIR BODY_LIMIT METRICS_HOST:PORT

Exits 0 when every check holds; prints one line per check, and the first
failure with what was expected and what came back.
"""
import functools
import glob
import queue
import sys

import grpc
import numpy as np
import onnxruntime as ort
import requests
import tritonclient.grpc as triton
import yaml
from tritonclient.grpc import service_pb2
from tritonclient.utils import InferenceServerException

URL, MODELS, LIMIT, METRICS = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
client = triton.InferenceServerClient(url=URL)
rng = np.random.default_rng(11)
NUMPY = {"FP32": np.float32, "FP64": np.float64, "INT64": np.int64}


def check(condition, what):
    if not condition:
        print(f"FAIL {what}")
        sys.exit(1)
    print(f"ok   {what}")


@functools.cache
def reference_session(model, variant):
    manifest = yaml.safe_load(open(f"{MODELS}/{model}.yaml"))
    file = next(v["file"] for v in manifest["variants"] if v["name"] == variant)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(f"{MODELS}/{file}", options, providers=["CPUExecutionProvider"])


def equals_reference(model, variant, arrays, result, metadata):
    expected = reference_session(model, variant).run(None, arrays)
    for tensor, value in zip(metadata.outputs, expected):
        got = result.as_numpy(tensor.name)
        if got is None or got.shape != value.shape:
            return False
        exact = "int8" in variant
        if not (np.array_equal(got, value) if exact else np.allclose(got, value, rtol=1e-5, atol=1e-6)):
            return False
    return True


def random_inputs(metadata):
    return {t.name: rng.standard_normal([1 if d == -1 else d for d in t.shape]).astype(NUMPY[t.datatype])
            for t in metadata.inputs}


def inputs_of(arrays, metadata):
    inputs = []
    for tensor in metadata.inputs:
        item = triton.InferInput(tensor.name, list(arrays[tensor.name].shape), tensor.datatype)
        item.set_data_from_numpy(arrays[tensor.name])
        inputs.append(item)
    return inputs


def status_of(call):
    try:
        call()
    except InferenceServerException as error:
        return error.status(), error.message()
    return "OK", ""


def parameters(result):
    return {k: getattr(v, v.WhichOneof("parameter_choice")) for k, v in result.get_response().parameters.items()}


# Health and metadata.
check(client.is_server_live(), "server live")
check(client.is_server_ready(), "server ready")
server = client.get_server_metadata()
check(server.name == "edgesched" and "binary_tensor_data" in server.extensions, f"server metadata {server}")
index = {m.name: m for m in client.get_model_repository_index().models}
check(index["synthetic-matmul"].state == "UNAVAILABLE" and index["synthetic-matmul"].reason == "unloaded"
      and index["vision"].state == "READY", f"repository index {list(index.values())}")

# Every shipped model, every variant pinned by its version, equal to onnxruntime's outputs.
manifests = [yaml.safe_load(open(path)) for path in sorted(glob.glob(f"{MODELS}/*.yaml"))]
for manifest in manifests:
    model = manifest["name"]
    if any(v["runtime"] != "onnxruntime" for v in manifest["variants"]):
        continue
    metadata = client.get_model_metadata(model)
    check(metadata.name == model and list(metadata.versions) == [v["name"] for v in manifest["variants"]]
          and metadata.platform == "onnxruntime_onnx", f"{model} metadata")
    check(client.is_model_ready(model), f"{model} ready")
    arrays = random_inputs(metadata)
    result = client.infer(model, inputs_of(arrays, metadata), request_id="req-7")
    variant = parameters(result)["edgesched_variant"]
    check(result.get_response().id == "req-7" and result.get_response().model_name == model,
          f"{model}: id and model echoed")
    check(equals_reference(model, variant, arrays, result, metadata), f"{model} ({variant}): outputs equal onnxruntime's")
    for variant in manifest["variants"]:
        version = variant["name"]
        arrays = random_inputs(metadata)
        result = client.infer(model, inputs_of(arrays, metadata), model_version=version)
        check(result.get_response().model_version == version and parameters(result)["edgesched_variant"] == version
              and "edgesched_downgrade_reason" not in parameters(result), f"{model} version {version}: runs {version}")
        check(equals_reference(model, version, arrays, result, metadata),
              f"{model} version {version}: outputs equal onnxruntime's on {variant['file']}")

sensor = client.get_model_metadata("sensor-mlp")
arrays = random_inputs(sensor)

# Priority, the timeout parameter and the client's deadline.
for priority in [0, 1, 2, 3]:
    result = client.infer("sensor-mlp", inputs_of(arrays, sensor), priority=priority, timeout=5_000_000)
    check(result.as_numpy("scores") is not None, f"priority {priority} with a 5 s timeout")
code, message = status_of(lambda: client.infer("sensor-mlp", inputs_of(arrays, sensor), priority=9))
check(code == "StatusCode.INVALID_ARGUMENT" and "priority" in message and "9" in message,
      f"priority 9 is INVALID_ARGUMENT naming it: {code} {message}")
code, message = status_of(lambda: client.infer("sensor-mlp", inputs_of(arrays, sensor), timeout=3_600_000_000))
check(code == "StatusCode.INVALID_ARGUMENT" and "max_timeout" in message, f"a timeout past the limit: {code} {message}")
vision = client.get_model_metadata("vision")
frame = random_inputs(vision)
result = client.infer("vision", inputs_of(frame, vision), model_version="fp32", client_timeout=10.0)
check(result.as_numpy(vision.outputs[0].name) is not None, "vision fp32 with a 10 s gRPC deadline is served")
# On a busy machine the client's own 10 ms can run out before the refusal arrives; a few tries.
for _ in range(5):
    code, message = status_of(lambda: client.infer("vision", inputs_of(frame, vision), model_version="fp32",
                                                    client_timeout=0.010))
    if code != "StatusCode.DEADLINE_EXCEEDED":
        break
check(code == "StatusCode.RESOURCE_EXHAUSTED" and message.startswith("would_miss_deadline"),
      f"a 10 ms gRPC deadline for the pinned fp32 vision rung is refused at once: {code} {message}")

# The bidirectional stream: answers matched by id, an error in the middle keeps it open.
answers = queue.Queue()
client.start_stream(callback=lambda result, error: answers.put((result, error)))
sent = {}
for number in range(12):
    model = ["sensor-mlp", "classifier", "vision"][number % 3]
    metadata = client.get_model_metadata(model)
    request_arrays = random_inputs(metadata)
    sent[f"s{number}"] = (model, request_arrays, metadata)
    client.async_stream_infer(model, inputs_of(request_arrays, metadata), request_id=f"s{number}",
                              model_version="fp32", priority=1 + number % 3, timeout=10_000_000)
client.async_stream_infer("no-such-model", inputs_of(arrays, sensor), request_id="bad")
for number in range(12, 15):
    sent[f"s{number}"] = ("sensor-mlp", random_inputs(sensor), sensor)
    client.async_stream_infer("sensor-mlp", inputs_of(sent[f"s{number}"][1], sensor), request_id=f"s{number}",
                              model_version="fp32", timeout=10_000_000)
received, errors = {}, []
for _ in range(len(sent) + 1):
    result, error = answers.get(timeout=30)
    if error is not None:
        errors.append(error)
    else:
        received[result.get_response().id] = result
client.stop_stream()
check(sorted(received) == sorted(sent),
      f"the stream answered every request once, by id: {sorted(received)}, errors {[e.message() for e in errors]}")
check(all(equals_reference(model, "fp32", request_arrays, received[id], metadata)
          for id, (model, request_arrays, metadata) in sent.items()), "every streamed answer equals onnxruntime's")
check(len(errors) == 1 and "unknown_model" in errors[0].message() and "no-such-model" in errors[0].message(),
      f"the unknown model's error came on the stream, which stayed open: {[e.message() for e in errors]}")

# Every status code the agent answers with (DEADLINE_EXCEEDED and INTERNAL: the faulty models' test).
code, message = status_of(lambda: client.get_model_metadata("no-such-model"))
check(code == "StatusCode.NOT_FOUND" and "not in the repository" in message, f"unknown model: {code} {message}")
code, message = status_of(lambda: client.infer("sensor-mlp", inputs_of(arrays, sensor), model_version="fp16"))
check(code == "StatusCode.NOT_FOUND" and "fp32, int8" in message, f"unknown version lists the versions: {code} {message}")
wrong = {"series": rng.standard_normal([1, 31]).astype(np.float32)}
code, message = status_of(lambda: client.infer("sensor-mlp", inputs_of(wrong, sensor)))
check(code == "StatusCode.INVALID_ARGUMENT" and "series" in message and "31" in message, f"wrong shape: {code} {message}")
request = service_pb2.ModelInferRequest(model_name="sensor-mlp", id="typed")
request.inputs.add(name="series", datatype="FP32", shape=[1, 32]).contents.fp32_contents.extend([0.5] * 32)
channel = grpc.insecure_channel(URL)
infer_raw = channel.unary_unary("/inference.GRPCInferenceService/ModelInfer")
typed_reply = service_pb2.ModelInferResponse.FromString(infer_raw(request.SerializeToString()))
expected = reference_session("sensor-mlp", typed_reply.model_version).run(None, {"series": np.full([1, 32], 0.5, np.float32)})[0]
got = np.frombuffer(typed_reply.raw_output_contents[0], np.float32).reshape(1, 4)
check(np.allclose(got, expected, rtol=1e-5, atol=1e-6),
      "inputs as typed contents (fp32_contents) are served")
request = service_pb2.ModelInferRequest(model_name="sensor-mlp")
request.inputs.add(name="series", datatype="STRING", shape=[1, 32])
request.raw_input_contents.append(b"\0" * 128)
code, message = "", ""
try:
    infer_raw(request.SerializeToString())
except grpc.RpcError as error:
    code, message = error.code(), error.details()
check(code == grpc.StatusCode.INVALID_ARGUMENT and "STRING" in message, f"an unknown datatype: {code} {message}")
client.load_model("synthetic-matmul")
check(client.is_model_ready("synthetic-matmul"), "synthetic-matmul loaded at run time")
client.unload_model("synthetic-matmul")
synthetic = client.get_model_metadata("synthetic-matmul")
code, message = status_of(lambda: client.infer("synthetic-matmul", inputs_of(random_inputs(synthetic), synthetic)))
check(code == "StatusCode.UNAVAILABLE" and message.startswith("model_unavailable"), f"unloaded model: {code} {message}")
code, message = status_of(lambda: client.load_model("no-such-model"))
check(code == "StatusCode.NOT_FOUND", f"loading an unknown model: {code} {message}")

# Bad input on the wire: each answered with its code, and serving goes on.
def raw_call(payload):
    try:
        infer_raw(payload)
    except grpc.RpcError as error:
        return error.code(), error.details()
    return grpc.StatusCode.OK, ""


good = service_pb2.ModelInferRequest(model_name="sensor-mlp")
good.inputs.add(name="series", datatype="FP32", shape=[1, 32])
good.raw_input_contents.append(np.zeros([1, 32], np.float32).tobytes())
payload = good.SerializeToString()
code, message = raw_call(payload[:-7])
check(code == grpc.StatusCode.INVALID_ARGUMENT, f"a truncated protobuf is INVALID_ARGUMENT: {code} {message}")
code, message = raw_call(b"\x08\x07" + payload)
check(code == grpc.StatusCode.OK, f"a field of the wrong wire type is skipped, as protobuf readers do: {code} {message}")
wrong_type = service_pb2.ModelInferRequest()
wrong_type.CopyFrom(good)
wrong_type.parameters["timeout"].string_param = "soon"
code, message = raw_call(wrong_type.SerializeToString())
check(code == grpc.StatusCode.INVALID_ARGUMENT and "timeout" in message and "soon" in message,
      f"a timeout given as a string is INVALID_ARGUMENT naming it: {code} {message}")
wrong_type = service_pb2.ModelInferRequest()
wrong_type.CopyFrom(good)
wrong_type.inputs[0].datatype = "INT64"
code, message = raw_call(wrong_type.SerializeToString())
check(code == grpc.StatusCode.INVALID_ARGUMENT and "INT64" in message, f"an INT64 tensor for an FP32 input: {code} {message}")
wrong_type.inputs[0].datatype = "FP32"
wrong_type.raw_input_contents.append(b"\0" * 4)
code, message = raw_call(wrong_type.SerializeToString())
check(code == grpc.StatusCode.INVALID_ARGUMENT and "raw_input_contents" in message,
      f"more raw_input_contents than inputs: {code} {message}")
big = service_pb2.ModelInferRequest(model_name="sensor-mlp")
big.raw_input_contents.append(b"\0" * (LIMIT + 1))
big_channel = grpc.insecure_channel(URL, options=[("grpc.max_send_message_length", LIMIT * 2)])
try:
    big_channel.unary_unary("/inference.GRPCInferenceService/ModelInfer")(big.SerializeToString())
    code = grpc.StatusCode.OK
except grpc.RpcError as error:
    code, message = error.code(), error.details()
check(code == grpc.StatusCode.RESOURCE_EXHAUSTED and message.startswith("body_too_large"),
      f"a message over limits.max_body_bytes is RESOURCE_EXHAUSTED: {code} {message}")
code, message = raw_call(payload)
check(code == grpc.StatusCode.OK, f"after the bad input, the good request is served: {code} {message}")
code, message = "", ""
try:
    channel.unary_unary("/inference.GRPCInferenceService/ModelConfig")(b"")
except grpc.RpcError as error:
    code, message = error.code(), error.details()
check(code == grpc.StatusCode.UNIMPLEMENTED, f"an RPC the agent does not serve is UNIMPLEMENTED: {code}")
check(client.is_server_ready(), "the agent is still ready")

metrics = requests.get(f"http://{METRICS}/metrics").text


def series(name, **labels):
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
               if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()))


check(series("edgesched_requests_total", model="sensor-mlp", **{"class": "critical"}, outcome="completed") >= 1,
      "metrics: priority 1 counted as class critical")
check(series("edgesched_requests_total", model="vision", outcome="would_miss_deadline") >= 1,
      "metrics: the deadline refusal counted by reason")
check(series("edgesched_ingress_rejections_total", ingress="grpc", reason="bad_request") >= 3,
      "metrics: the gRPC ingress's bad requests counted")
print("all checks passed")
