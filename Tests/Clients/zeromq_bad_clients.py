#!/usr/bin/env python3
"""Bad input on the agent's ZeroMQ ingress, from a client written from
docs/protocol.md alone: each message is answered 400 or dropped as the
document says, counted in the metrics, and a good request is served after
each one; a peer that never reads does not hold up anyone else.

    python3 Tests/Clients/zeromq_bad_clients.py ENDPOINT HTTP METRICS MAX_MESSAGE_BYTES

The agent runs with `zeromq.max_message_bytes` MAX_MESSAGE_BYTES. Random
messages take their seed from EDGESCHED_TEST_SEED (printed either way).
Prints one line per check and `all checks passed`.
"""
import os
import random
import struct
import sys
import threading
import time

import numpy as np
import requests
import zmq

from zeromq_frames import MAGIC, NO_DOMAIN, Dealer, request, request_header, tensor_header

ENDPOINT, HTTP, METRICS, MAX_MESSAGE_BYTES = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
SEED = int(os.environ.get("EDGESCHED_TEST_SEED", random.SystemRandom().getrandbits(32)))
print(f"seed {SEED} (EDGESCHED_TEST_SEED)", flush=True)
rng = random.Random(SEED)
context = zmq.Context()
SERIES = np.linspace(-1, 1, 32, dtype=np.float32).reshape(1, 32)


def check(condition, what):
    if not condition:
        print(f"FAIL {what}", flush=True)
        sys.exit(1)
    print(f"ok   {what}", flush=True)


def metric(name, **labels):
    lines = requests.get(f"http://{METRICS}/metrics", timeout=10).text.splitlines()
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines
               if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()))


def rejections(reason):
    return metric("edgesched_ingress_rejections_total", ingress="zeromq", reason=reason)


def dropped(reason):
    return metric("edgesched_zeromq_dropped_total", reason=reason)


class Served:
    """A good request's outcome: true when it ran; shows the reply in a failed check's message."""

    def __init__(self, request_id, reply):
        self.ok = reply is not None and reply.status == 200 and reply.id == request_id and "scores" in reply.outputs
        self.reply = reply

    def __bool__(self):
        return self.ok

    def __str__(self):
        return "served" if self.ok else f"not served: {self.reply}"


def good(client):
    """A critical request with a 5 s timeout, so that a busy machine does not make it miss its deadline."""
    request_id = rng.getrandbits(64) | 1
    frames = request(request_id, "sensor-mlp", {"series": SERIES}, priority="critical", timeout_us=5_000_000)
    return Served(request_id, client.call(frames, 10.0))


def check_served(client, what):
    served = good(client)
    check(served, f"{what}: {served}")


def header(request_id, inputs=1, **options):
    return request_header(request_id, "sensor-mlp", inputs, **options)


def series_header(shape=(1, 32), datatype="FP32", name="series"):
    return tensor_header(name, datatype, shape)


DATA = SERIES.tobytes()
client = Dealer(context, ENDPOINT)
check_served(client, "a good request")
bad_before = rejections("bad_request")
answered_400 = 0


def answered_bad_request(what, frames, request_id, *words):
    """Sends `frames`; the reply must be 400 bad_request with `request_id`, naming `words`; then a good one is served."""
    global answered_400
    reply = client.call(frames, 10.0)
    if reply is not None and reply.status == 400:
        answered_400 += 1
    check(reply is not None and reply.status == 400 and reply.reason == "bad_request" and reply.id == request_id
          and not reply.outputs and reply.domain == NO_DOMAIN and all(w in reply.message for w in words),
          f"{what}: 400 bad_request, id {request_id}: {reply}")
    check_served(client, f"after {what}: the same DEALER")


answered_bad_request("a request header alone", [header(101)], 101)
answered_bad_request("no data frame", [header(102), series_header()], 102)
answered_bad_request("an extra frame", [header(103), series_header(), DATA, b"extra"], 103)
answered_bad_request("two inputs announced, one sent", [header(104, inputs=2), series_header(), DATA], 104)
answered_bad_request("zero inputs", [header(105, inputs=0)], 105)
answered_bad_request("a byte left over in the request header", [header(106) + b"\0", series_header(), DATA], 106)
answered_bad_request("a request header cut inside the model name", [header(107)[:30], series_header(), DATA], 107)
answered_bad_request("a request header of 20 bytes", [header(108)[:20], series_header(), DATA], 108)
answered_bad_request("a first frame of 8 bytes with the magic", [header(109)[:8]], 0)
answered_bad_request("version 2", [header(110, version=2), series_header(), DATA], 110, "2")
answered_bad_request("version 0", [header(111, version=0), series_header(), DATA], 111, "0")
answered_bad_request("kind 2 (a reply) as a request", [header(112, kind=2), series_header(), DATA], 112)
answered_bad_request("a byte left over in the tensor header", [header(113), series_header() + b"\0", DATA], 113)
answered_bad_request("a tensor header cut inside its dimensions", [header(114), series_header()[:12], DATA], 114)
answered_bad_request("a tensor header of 3 bytes", [header(115), series_header()[:3], DATA], 115)
answered_bad_request("a data frame one byte short", [header(116), series_header(), DATA[:-1]], 116)
answered_bad_request("a data frame one element long", [header(117), series_header(), DATA + DATA[:4]], 117)
answered_bad_request("an empty data frame", [header(118), series_header(), b""], 118)
answered_bad_request("a header saying [1, 16] over 32 elements", [header(119), series_header((1, 16)), DATA], 119)
answered_bad_request("an unknown datatype", [header(120), series_header(datatype="FP8"), DATA], 120, "FP8")
answered_bad_request("an empty datatype", [header(121), series_header(datatype=""), DATA], 121)
answered_bad_request("a model name that is not UTF-8",
                     [request_header(122, b"sensor-\xff\xfe", 1), series_header(), DATA], 122)
for request_id, shape in [
    (130, (1 << 62, 4)),
    (131, (1 << 31, 1 << 31, 1 << 31)),
    (132, (1 << 61,)),
    (133, ((1 << 63) - 1, 32)),
    (134, (-1, 32)),
    (135, (-(1 << 63), 32)),
    (136, (1,) * 33),
    (137, (1,) * 255),
    (138, (0, 32)),
]:
    label = f"rank {len(shape)}" if len(shape) > 3 else f"shape {list(shape)}"
    answered_bad_request(f"{label} over {len(DATA)} bytes", [header(request_id), series_header(shape), DATA], request_id)

# The message's own fields the reply does not echo: lengths that run past the frame.
lying = bytearray(header(140))
lying[24] = 200
answered_bad_request("a model name length past the header", [bytes(lying), series_header(), DATA], 140)
lying = bytearray(series_header())
lying[0] = 200
answered_bad_request("a tensor name length past its header", [header(141), bytes(lying), DATA], 141)

moved = rejections("bad_request") - bad_before
check(moved == answered_400, f"metrics: {moved} bad_request rejections counted, {answered_400} answered")

# Random bytes without the magic: no reply, counted as undecodable, the agent keeps serving.
undecodable_before = dropped("undecodable")
random_messages = 50
for _ in range(random_messages):
    frames = [bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 64))) for _ in range(rng.randrange(1, 4))]
    if frames[0][:1] == b"e":
        frames[0] = b"E" + frames[0][1:]
    client.send(frames)
reply = client.receive(1.0)
check(reply is None, f"{random_messages} messages of random bytes: no reply: {reply}")
check_served(client, "after random bytes: the same DEALER")
moved = dropped("undecodable") - undecodable_before
check(moved == random_messages, f"metrics: {moved} undecodable counted of {random_messages} sent")

# The magic, a version and a kind, then random bytes: each answered exactly once, 400.
fuzzed = 200
for index in range(fuzzed):
    frames = [MAGIC + bytes(rng.getrandbits(8) for _ in range(rng.randrange(2, 80)))]
    frames += [bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 40))) for _ in range(rng.randrange(0, 4))]
    client.send(frames)
replies, deadline = [], time.monotonic() + 20
while len(replies) < fuzzed and (reply := client.receive(max(0.0, deadline - time.monotonic()))) is not None:
    replies.append(reply)
check(len(replies) == fuzzed and all(r.status == 400 and r.reason == "bad_request" for r in replies),
      f"{fuzzed} messages of the magic and random bytes: {len(replies)} answered, each 400 bad_request")
check(client.receive(0.5) is None, "no second reply to any of them")
check_served(client, "after the magic and random bytes: the same DEALER")

# A frame over the maximum message size: never read, the connection dropped; the DEALER reconnects.
big = np.zeros((MAX_MESSAGE_BYTES // 128 + 1, 32), dtype=np.float32)
reply = client.call([header(150), series_header(big.shape), big.tobytes()], 2.0)
check(reply is None, f"a {big.nbytes}-byte data frame over {MAX_MESSAGE_BYTES}: no reply: {reply}")
fresh = Dealer(context, ENDPOINT)
check_served(fresh, "after a frame over the maximum: another DEALER")
check_served(client, "after a frame over the maximum: the same DEALER (reconnected)")
fresh.close()

# A peer gone before its replies: they cannot be routed, and are counted.
load = requests.post(f"http://{HTTP}/v2/repository/models/synthetic-matmul/load", timeout=60)
check(load.status_code == 200, f"synthetic-matmul loaded over HTTP: {load.status_code} {load.text}")
unroutable_before = dropped("unroutable")
gone = Dealer(context, ENDPOINT)
check_served(gone, "a DEALER that will leave")
synthetic = np.zeros((1, 16), dtype=np.float32)
for request_id in range(200, 240):
    gone.send(request(request_id, "synthetic-matmul", {"input": synthetic}, pinned="full", timeout_us=30_000_000))
gone.socket.setsockopt(zmq.LINGER, 1000)
gone.close()
check_served(client, "while the gone peer's requests run: another DEALER")
deadline = time.monotonic() + 10
while dropped("unroutable") - unroutable_before < 1 and time.monotonic() < deadline:
    time.sleep(0.1)
moved = dropped("unroutable") - unroutable_before
check(moved >= 1, f"metrics: {moved} replies to the gone peer counted unroutable")

# A peer that sends 5 ms runs and never reads: past its in-flight limit its refusals pile up unread, and
# another DEALER (class critical, run first) is still answered.
unroutable_before = dropped("unroutable")
in_flight_before = rejections("in_flight_limit")
hog = Dealer(context, ENDPOINT, RCVHWM=1, RCVBUF=4096)
stop = threading.Event()
hog_sent = [0]


def never_reads():
    request_id = 1 << 40
    while not stop.is_set() and hog_sent[0] < 50_000:
        try:
            frames = request(request_id, "synthetic-matmul", {"input": synthetic}, pinned="full", timeout_us=30_000_000)
            hog.socket.send_multipart(frames, flags=zmq.NOBLOCK)
            hog_sent[0] += 1
            request_id += 1
        except zmq.Again:
            time.sleep(0.001)


hogging = threading.Thread(target=never_reads)
hogging.start()
other = Dealer(context, ENDPOINT)
latencies = []
for _ in range(300):
    started = time.monotonic()
    served = good(other)
    latencies.append(time.monotonic() - started)
    if not served:
        break
stop.set()
hogging.join()
latencies.sort()
summary = (f"p50 {latencies[len(latencies) // 2] * 1000:.2f} ms, max {latencies[-1] * 1000:.1f} ms; "
           f"the other peer sent {hog_sent[0]}")
check(len(latencies) == 300 and served, f"300 requests from a second DEALER beside one that never reads: all served ({summary})")
moved_in_flight = rejections("in_flight_limit") - in_flight_before
moved_unroutable = dropped("unroutable") - unroutable_before
check(moved_in_flight > 0, f"metrics: the reader-less peer past its in-flight limit: {moved_in_flight} refused "
      f"({moved_unroutable} replies unroutable with its pipe full)")
hog.close()
check_served(other, "after the peer that never reads is gone: the second DEALER")
check_served(client, "after the peer that never reads is gone: the first DEALER")
print("all checks passed")
