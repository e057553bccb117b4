#!/usr/bin/env python3
"""Checks the agent's ZeroMQ ingress under CURVE (docs/protocol.md) with pyzmq:
a client that knows the server's public key is answered; a client with a
wrong server key, and a plain client, get nothing; the right one still works.

    python3 Tests/Clients/zeromq_curve.py ENDPOINT SERVER_PUBLIC_KEY
"""
import struct
import sys

import numpy as np
import zmq

ENDPOINT, SERVER_KEY = sys.argv[1], sys.argv[2].encode()
context = zmq.Context()


def check(condition, what):
    if not condition:
        print(f"FAIL {what}")
        sys.exit(1)
    print(f"ok   {what}")


def request(request_id):
    model = b"sensor-mlp"
    header = struct.pack("<2sBBQQHHBBBB", b"es", 1, 1, request_id, 0, 0, 1, len(model), 0, 0, 0) + model
    series = np.ones((1, 32), dtype="<f4")
    tensor = struct.pack("<BBBB2q", 6, 4, 2, 0, *series.shape) + b"series" + b"FP32"
    return [header, tensor, series.tobytes()]


def ask(socket, request_id, wait_ms):
    socket.send_multipart(request(request_id))
    if not socket.poll(wait_ms):
        return None
    reply = socket.recv_multipart()
    _, _, _, echoed, status = struct.unpack_from("<2sBBQH", reply[0])
    return echoed, status


def client(server_key=None):
    socket = context.socket(zmq.DEALER)
    socket.linger = 0
    if server_key is not None:
        public, secret = zmq.curve_keypair()
        socket.curve_serverkey, socket.curve_publickey, socket.curve_secretkey = server_key, public, secret
    socket.connect(ENDPOINT)
    return socket


check(zmq.has("curve"), "pyzmq's libzmq has CURVE")
trusted = client(SERVER_KEY)
check(ask(trusted, 1, 5000) == (1, 200), "a client with the server's public key is answered")
wrong_key, _ = zmq.curve_keypair()
check(ask(client(wrong_key), 2, 1000) is None, "a client with a wrong server key gets nothing")
check(ask(client(), 3, 1000) is None, "a client without CURVE gets nothing")
check(ask(trusted, 4, 5000) == (4, 200), "the trusted client is still answered")
print("all checks passed")
