#!/usr/bin/env python3
"""Keeps an agent busy from many connections, sends it SIGTERM, and checks
that every request it accepted got an answer.

    python3 Tests/Clients/drain_under_load.py HOST:PORT AGENT_PID THREADS

Each request opens its own connection, so a refused connection (the agent
no longer listens: not accepted) is told apart from an accepted request
that was dropped (reset or closed without an answer: a failure). A thread
stops at its first `shutting_down`, as a client that moves to another node
does. Prints the counts as JSON; exits 1 if any request went unanswered.
"""
import http.client
import json
import os
import signal
import socket
import sys
import threading

HOST, PORT = sys.argv[1].rsplit(":", 1)
PID, THREADS = int(sys.argv[2]), int(sys.argv[3])
BODY = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}],
                   "parameters": {"timeout": 30_000_000}}).encode()
counts = {"ok": 0, "shutting_down": 0, "other_status": 0, "refused": 0, "dropped": 0}
lock = threading.Lock()
answered = threading.Semaphore(0)
stop = threading.Event()


def one_request():
    connection = http.client.HTTPConnection(HOST, int(PORT), timeout=60)
    try:
        connection.connect()
    except (ConnectionRefusedError, socket.timeout, OSError):
        return "refused"
    try:
        connection.request("POST", "/v2/models/synthetic-matmul/infer", BODY,
                           {"Content-Type": "application/json", "Connection": "close"})
        response = connection.getresponse()
        body = response.read()
    except (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError, socket.timeout):
        return "dropped"
    finally:
        connection.close()
    if response.status == 200:
        return "ok"
    if response.status == 503 and json.loads(body).get("reason") == "shutting_down":
        return "shutting_down"
    return "other_status"


def worker():
    while not stop.is_set():
        outcome = one_request()
        with lock:
            counts[outcome] += 1
        answered.release()
        if outcome in ("refused", "shutting_down"):
            return


threads = [threading.Thread(target=worker) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for _ in range(200):
    answered.acquire()
os.kill(PID, signal.SIGTERM)
for thread in threads:
    thread.join(timeout=120)
stop.set()
print(json.dumps(counts))
sys.exit(1 if counts["dropped"] or counts["other_status"] or not counts["ok"] else 0)
