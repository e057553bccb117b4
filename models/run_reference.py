#!/usr/bin/env python3
"""Runs one inference with onnxruntime in Python, for the tests that compare
edgesched's ONNX Runtime backend with it.

    python3 models/run_reference.py MODEL.onnx REQUEST.json

REQUEST.json is an Open Inference Protocol request ({"inputs": [...]}); the
outputs are printed the same way, with every value exactly as computed
(float32 values written as the doubles they convert to). One intra-op
thread, as the agent uses.
"""
import json
import sys

import numpy as np
import onnxruntime as ort

DTYPES = {"FP32": np.float32, "FP64": np.float64, "INT64": np.int64, "INT32": np.int32, "UINT8": np.uint8, "INT8": np.int8}

model, request = sys.argv[1], json.load(open(sys.argv[2]))
options = ort.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
feed = {t["name"]: np.array(t["data"], dtype=DTYPES[t["datatype"]]).reshape(t["shape"]) for t in request["inputs"]}
names = [output.name for output in session.get_outputs()]
values = session.run(names, feed)
print(json.dumps({"outputs": [{"name": name, "shape": list(value.shape), "data": [float(x) for x in value.ravel()]}
                              for name, value in zip(names, values)]}))
