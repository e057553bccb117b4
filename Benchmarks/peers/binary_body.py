#!/usr/bin/env python3
"""Writes the request tritonclient sends for ../shared/peers' MLP with
binary_data=True (inputs and outputs), using tritonclient's own encoder:

    python3 Benchmarks/peers/binary_body.py OUT_FILE    # prints the JSON header's length
"""
import sys

import numpy as np
import tritonclient.http as http

values = np.random.default_rng(1).standard_normal([1, 64]).astype(np.float32)
tensor = http.InferInput("x", [1, 64], "FP32")
tensor.set_data_from_numpy(values, binary_data=True)
body, json_size = http.InferenceServerClient.generate_request_body(
    [tensor], outputs=[http.InferRequestedOutput("y", binary_data=True)])
open(sys.argv[1], "wb").write(body)
print(json_size)
