#!/usr/bin/env python3
"""Clients an edge gateway meets on a bad day, against a running agent:
one that sends a byte every 200 ms, and hundreds of connections at once.
The agent must keep answering everybody else while the slow one trickles,
and answer every one of the many (200, or a refusal with its reason).

    python3 Tests/Clients/bad_clients.py HOST:PORT CONNECTIONS
"""
import http.client
import json
import socket
import sys
import threading
import time

HOST, PORT = sys.argv[1].rsplit(":", 1)
PORT, CONNECTIONS = int(PORT), int(sys.argv[2])
BODY = json.dumps({"inputs": [{"name": "series", "datatype": "FP32", "shape": [1, 32], "data": [0.25] * 32}]}).encode()


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        sys.exit(1)


def infer(connection=None):
    connection = connection or http.client.HTTPConnection(HOST, PORT, timeout=30)
    connection.request("POST", "/v2/models/sensor-mlp/infer", BODY, {"Content-Type": "application/json"})
    response = connection.getresponse()
    body = response.read()
    return response.status, body


def slow_client(done):
    request = (f"POST /v2/models/sensor-mlp/infer HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(BODY)}\r\n\r\n").encode() + BODY
    with socket.create_connection((HOST, PORT), timeout=30) as sock:
        for index in range(15):
            sock.sendall(request[index:index + 1])
            time.sleep(0.2)
        done.set()


trickling = threading.Event()
slow = threading.Thread(target=slow_client, args=(trickling,))
slow.start()
answered = 0
while not trickling.is_set():
    status, _ = infer()
    check(status == 200, f"a request while a client trickles one byte per 200 ms: {status}") if status != 200 else None
    answered += 1
slow.join()
check(answered > 10, f"{answered} requests answered while the slow client sent 15 bytes over 3 s")

results = []
lock = threading.Lock()
start = threading.Barrier(CONNECTIONS)


def one_of_many():
    connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
    connection.connect()
    start.wait()
    try:
        status, body = infer(connection)
        outcome = "200" if status == 200 else f"{status} {json.loads(body).get('reason')}"
    except (OSError, http.client.HTTPException) as error:
        outcome = f"dropped: {error!r}"
    with lock:
        results.append(outcome)


threads = [threading.Thread(target=one_of_many) for _ in range(CONNECTIONS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
counts = {outcome: results.count(outcome) for outcome in set(results)}
check(len(results) == CONNECTIONS and not any(o.startswith("dropped") for o in results),
      f"{CONNECTIONS} connections at once, every request answered: {counts}")
check(infer()[0] == 200, "the agent still serves afterwards")
print("all checks passed")
