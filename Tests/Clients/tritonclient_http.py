#!/usr/bin/env python3
"""Drives a running edgesched agent with Triton's own HTTP client
(PyPI tritonclient[http]), as an application would, and checks every answer.

    python3 Tests/Clients/tritonclient_http.py HOST:PORT MODELS_DIR BODY_LIMIT METRICS_HOST:PORT

Exits 0 when every check holds; prints one line per check, and the first
failure with what was expected and what came back.
"""
import functools
import glob
import json
import sys

import numpy as np
import onnxruntime as ort
import requests
import tritonclient.http as http
import yaml
from tritonclient.utils import InferenceServerException

URL, MODELS, LIMIT, METRICS = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
client = http.InferenceServerClient(url=URL, concurrency=4)
rng = np.random.default_rng(7)
NUMPY = {"FP32": np.float32, "FP64": np.float64, "INT64": np.int64}


def check(condition, what):
    if not condition:
        print(f"FAIL {what}")
        sys.exit(1)
    print(f"ok   {what}")


@functools.cache
def reference_session(model, variant):
    """One session per variant: the vision model's files take a while to load."""
    manifest = yaml.safe_load(open(f"{MODELS}/{model}.yaml"))
    file = next(v["file"] for v in manifest["variants"] if v["name"] == variant)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(f"{MODELS}/{file}", options, providers=["CPUExecutionProvider"])


def reference(model, variant, inputs):
    return reference_session(model, variant).run(None, inputs)


def random_inputs(metadata):
    arrays = {}
    for tensor in metadata["inputs"]:
        shape = [1 if d == -1 else d for d in tensor["shape"]]
        arrays[tensor["name"]] = rng.standard_normal(shape).astype(NUMPY[tensor["datatype"]])
    return arrays


def infer(model, arrays, metadata, binary, **options):
    inputs = []
    for tensor in metadata["inputs"]:
        value = arrays[tensor["name"]]
        item = http.InferInput(tensor["name"], list(value.shape), tensor["datatype"])
        item.set_data_from_numpy(value, binary_data=binary)
        inputs.append(item)
    outputs = [http.InferRequestedOutput(t["name"], binary_data=binary) for t in metadata["outputs"]]
    return client.infer(model, inputs, outputs=outputs, request_id="req-42", **options)


def status_of(call):
    try:
        call()
    except InferenceServerException as error:
        return error.status(), error.message()
    return "200", ""


check(client.is_server_live(), "server live")
check(client.is_server_ready(), "server ready")
server = client.get_server_metadata()
check(server["name"] == "edgesched" and "binary_tensor_data" in server["extensions"], f"server metadata {server}")

for model in ["classifier", "sensor-mlp"]:
    metadata = client.get_model_metadata(model)
    check(metadata["name"] == model and metadata["versions"] == ["fp32", "int8"], f"{model} metadata")
    check(client.is_model_ready(model), f"{model} ready")
    for binary in [False, True]:
        arrays = random_inputs(metadata)
        result = infer(model, arrays, metadata, binary)
        response = result.get_response()
        variant = response["parameters"]["edgesched_variant"]
        check(response["id"] == "req-42" and response["model_name"] == model, f"{model} binary={binary}: id echoed")
        expected = reference(model, variant, arrays)
        for tensor, value in zip(metadata["outputs"], expected):
            got = result.as_numpy(tensor["name"])
            check(got is not None and got.shape == value.shape, f"{model} binary={binary}: {tensor['name']} shape")
            exact = variant == "int8"
            close = np.array_equal(got, value) if exact else np.allclose(got, value, rtol=1e-5, atol=1e-6)
            check(close, f"{model} binary={binary} variant={variant}: outputs equal onnxruntime's")
        check(response["parameters"]["edgesched_domain"] >= 0, f"{model}: domain reported")

sensor = client.get_model_metadata("sensor-mlp")
arrays = random_inputs(sensor)
for priority in [0, 1, 2, 3]:
    result = infer("sensor-mlp", arrays, sensor, True, priority=priority, timeout=5_000_000)
    check(result.as_numpy("scores") is not None, f"priority {priority} with a 5 s timeout (longer than the class default)")
code, message = status_of(lambda: infer("sensor-mlp", arrays, sensor, False, priority=9))
check(code == "400" and "priority" in message, f"priority 9 refused 400: {code} {message}")
code, message = status_of(lambda: infer("sensor-mlp", arrays, sensor, False, timeout=3_600_000_000))
check(code == "400" and "max_timeout" in message, f"timeout past the limit refused 400: {code} {message}")

index = client.get_model_repository_index()
check({m["name"]: m["state"] for m in index}.get("synthetic-matmul") == "UNAVAILABLE", f"index {index}")
client.load_model("synthetic-matmul")
check(client.is_model_ready("synthetic-matmul"), "synthetic-matmul loaded at run time")
synthetic = client.get_model_metadata("synthetic-matmul")
result = infer("synthetic-matmul", random_inputs(synthetic), synthetic, True)
check(result.as_numpy("checksum").shape == (1,), "synthetic-matmul answers its checksum")
code, message = status_of(lambda: infer("synthetic-matmul", random_inputs(synthetic), synthetic, False, timeout=500))
check(code == "429" and "deadline" in message, f"a 0.5 ms timeout for a 2 ms model is refused 429 at once: {code} {message}")

# A version in the URL pins that variant: every shipped model with more than one runs each one on request.
for path in sorted(glob.glob(f"{MODELS}/*.yaml")):
    manifest = yaml.safe_load(open(path))
    model, variants = manifest["name"], manifest["variants"]
    if len(variants) < 2:
        continue
    metadata = client.get_model_metadata(model)
    for variant in variants:
        version = variant["name"]
        for binary in [False, True]:
            pinned_inputs = random_inputs(metadata)
            result = infer(model, pinned_inputs, metadata, binary, model_version=version)
            response = result.get_response()
            parameters = response["parameters"]
            check(response["model_version"] == version and parameters["edgesched_variant"] == version
                  and "edgesched_downgrade_reason" not in parameters,
                  f"{model} version {version} binary={binary}: runs {version}, no downgrade ({response['model_version']}, {parameters})")
            if variant["runtime"] != "onnxruntime":
                check(result.as_numpy(metadata["outputs"][0]["name"]) is not None, f"{model} version {version}: answers")
                continue
            for tensor, value in zip(metadata["outputs"], reference(model, version, pinned_inputs)):
                got = result.as_numpy(tensor["name"])
                exact = version == "int8"
                close = got is not None and got.shape == value.shape and (
                    np.array_equal(got, value) if exact else np.allclose(got, value, rtol=1e-5, atol=1e-6))
                check(close, f"{model} version {version} binary={binary}: {tensor['name']} equals onnxruntime's on {variant['file']}")
code, message = status_of(lambda: infer("sensor-mlp", arrays, sensor, False, model_version="fp16"))
check(code == "404" and "fp16" in message and "fp32, int8" in message, f"an unknown version is 404 listing the versions: {code} {message}")
series = {"name": "series", "datatype": "FP32", "shape": [1, 32], "data": [0.0] * 32}
answer = requests.post(f"http://{URL}/v2/models/sensor-mlp/versions/fp16/infer", json={"inputs": [series]})
check(answer.status_code == 404 and answer.json()["reason"] == "unknown_model", f"an unknown version's body says unknown_model: {answer.status_code} {answer.text}")
client.unload_model("synthetic-matmul")
check(not client.is_model_ready("synthetic-matmul"), "synthetic-matmul unloaded at run time")
code, message = status_of(lambda: infer("synthetic-matmul", random_inputs(synthetic), synthetic, False))
check(code == "503", f"unloaded model answers 503: {code} {message}")

code, message = status_of(lambda: client.get_model_metadata("no-such-model"))
check(code == "404" or "not in the repository" in message, f"unknown model 404: {code} {message}")
code, _ = status_of(lambda: infer("no-such-model", arrays, sensor, False))
check(code == "404", f"infer on an unknown model 404: {code}")
wrong = {"series": rng.standard_normal([1, 31]).astype(np.float32)}
wrong_meta = {"inputs": [{"name": "series", "datatype": "FP32"}], "outputs": sensor["outputs"]}
code, message = status_of(lambda: infer("sensor-mlp", wrong, wrong_meta, False))
check(code == "400" and "series" in message and "31" in message, f"a wrong shape is 400 naming it: {code} {message}")

base = f"http://{URL}"
answer = requests.post(f"{base}/v2/models/sensor-mlp/infer", data=b"x" * (LIMIT + 1), headers={"Content-Type": "application/json"})
check(answer.status_code == 413 and answer.json()["reason"] == "body_too_large", f"a body over the limit is 413: {answer.status_code}")
answer = requests.post(f"{base}/v2/models/sensor-mlp/infer", data=b"<xml/>", headers={"Content-Type": "application/xml"})
check(answer.status_code == 415, f"a wrong content type is 415: {answer.status_code}")
answer = requests.post(f"{base}/v2/models/sensor-mlp/infer", data=b'{"inputs": [', headers={"Content-Type": "application/json"})
check(answer.status_code == 400 and answer.json()["reason"] == "bad_request", f"truncated JSON is 400: {answer.status_code}")
answer = requests.post(f"{base}/v2/models/sensor-mlp/infer", data=b'{"inputs": []}', headers={"Inference-Header-Content-Length": "99", "Content-Type": "application/octet-stream"})
check(answer.status_code == 400 and "past the end" in answer.json()["error"], f"a binary header past the body is 400: {answer.text}")
metrics = requests.get(f"http://{METRICS}/metrics").text
def series(name, **labels):
    """The sum of the series `name` over every line with these labels."""
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
               if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()))
check(series("edgesched_requests_total", model="sensor-mlp", **{"class": "critical"}, outcome="completed") >= 1, "metrics: priority 1 counted as class critical")
check(series("edgesched_requests_total", model="synthetic-matmul", outcome="would_miss_deadline") == 1, "metrics: the refusal counted by reason")
check(series("edgesched_variant_loaded", model="classifier", variant="int8", domain="0") == 1, "metrics: loaded variants")
check(series("edgesched_variant_loaded", model="synthetic-matmul", variant="full", domain="0") == 0, "metrics: unloaded variants")
check(series("edgesched_service_seconds_count", model="sensor-mlp", variant="fp32") >= 1, "metrics: service time histogram")
check(series("edgesched_build_info", version="0.2.0") == 1, "metrics: build info")
print("all checks passed")
