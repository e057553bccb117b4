#!/usr/bin/env python3
"""Drives a running edgesched agent over its ZeroMQ ingress with a client
written from docs/protocol.md alone (PyPI pyzmq, numpy, onnxruntime,
PyYAML), and checks every answer. One mode per agent setup:

    zeromq_client.py models ENDPOINT HTTP MODELS_DIR METRICS   the embedded default
    zeromq_client.py limits ENDPOINT HTTP METRICS PER_PEER     zeromq.max_in_flight_per_peer PER_PEER,
                                                               a class `small` with max_queue 2
    zeromq_client.py faulty ENDPOINT FOLDER WORKERS            the models of faulty_models.py
    zeromq_client.py drain ENDPOINT HTTP AGENT_PID             sends SIGTERM: the agent stops

HTTP is used only to load synthetic-matmul (it is not preloaded) and to read
/metrics. Prints one line per check, the first failure with what was
expected and what came back, and `all checks passed`.
"""
import glob
import os
import random
import signal
import sys
import time

import numpy as np
import onnxruntime as ort
import requests
import yaml
import zmq

from zeromq_frames import NO_DOMAIN, NO_DOWNGRADE, NUMPY, Dealer, request

context = zmq.Context()
rng = np.random.default_rng(11)
ids = random.Random(11)


def check(condition, what):
    if not condition:
        print(f"FAIL {what}", flush=True)
        sys.exit(1)
    print(f"ok   {what}", flush=True)


def new_id():
    return ids.getrandbits(64) or 1


def manifests(folder):
    return {m["name"]: m for m in (yaml.safe_load(open(p)) for p in sorted(glob.glob(f"{folder}/*.yaml")))}


def random_inputs(manifest, batch=1):
    return {t["name"]: rng.standard_normal([batch if d == -1 else d for d in t["shape"]]).astype(NUMPY[t["datatype"]])
            for t in manifest["inputs"]}


def reference(folder, manifest, variant, arrays):
    file = next(v["file"] for v in manifest["variants"] if v["name"] == variant)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(f"{folder}/{file}", options, providers=["CPUExecutionProvider"])
    return dict(zip((t["name"] for t in manifest["outputs"]), session.run(None, arrays)))


def equals_reference(reply, expected, variant):
    """int8 variants compute in integers: equal bit for bit; float ones within rounding."""
    for name, value in expected.items():
        got = reply.outputs.get(name)
        if got is None or got.shape != value.shape or got.dtype != value.dtype.newbyteorder("<"):
            return False
        if not (np.array_equal(got, value) if variant == "int8" else np.allclose(got, value, rtol=1e-5, atol=1e-6)):
            return False
    return True


def matches_manifest(reply, manifest, batch):
    """Outputs in the manifest's order, with its datatypes, and its shapes with -1 as the batch."""
    expected = [(t["name"], t["datatype"], tuple(batch if d == -1 else d for d in t["shape"])) for t in manifest["outputs"]]
    got = [(name, reply.datatypes[name], reply.outputs[name].shape) for name in reply.outputs]
    return got == expected


def refused(reply, status, reason):
    return (reply is not None and reply.status == status and reply.reason == reason and not reply.outputs
            and reply.variant == "" and reply.domain == NO_DOMAIN and reply.message != "")


class Metrics:
    def __init__(self, address):
        self.address = address

    def read(self):
        text = requests.get(f"http://{self.address}/metrics", timeout=10).text
        return [line for line in text.splitlines() if not line.startswith("#")]

    def sum(self, name, **labels):
        """The sum of the series `name` over every line with these labels."""
        return sum(float(line.rsplit(" ", 1)[1]) for line in self.read()
                   if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()))


def load_synthetic(http):
    answer = requests.post(f"http://{http}/v2/repository/models/synthetic-matmul/load", timeout=60)
    check(answer.status_code == 200, f"synthetic-matmul loaded over HTTP: {answer.status_code} {answer.text}")


def synthetic_input():
    return {"input": rng.standard_normal([1, 16]).astype(np.float32)}


def ran_within_tries(client, frames, tries=5):
    """The first reply that ran of up to `tries` requests made by `frames()`: a deadline of a few ms can
    pass on a busy machine before a worker is free (504), which says nothing of the variant chosen."""
    for _ in range(tries):
        reply = client.call(frames())
        if reply is None or reply.status != 504:
            return reply
    return reply


def models(endpoint, http, folder, metrics_address):
    client = Dealer(context, endpoint)
    metrics = Metrics(metrics_address)
    catalog = manifests(folder)
    rejections_before = {r: metrics.sum("edgesched_ingress_rejections_total", ingress="zeromq", reason=r)
                         for r in ("bad_request", "unknown_model")}

    # Every shipped model, every batch size the manifest allows, outputs equal onnxruntime's.
    preloaded = [m for m in catalog.values() if m["placement"]["preload"]]
    for manifest in preloaded:
        for batch in (1, 3):
            arrays = random_inputs(manifest, batch)
            request_id = new_id()
            reply = client.call(request(request_id, manifest["name"], arrays))
            names = [v["name"] for v in manifest["variants"]]
            check(reply is not None and reply.status == 200 and reply.reason == "" and reply.id == request_id
                  and reply.variant in names and reply.message == "" and reply.domain != NO_DOMAIN,
                  f"{manifest['name']} batch {batch}: ran, id echoed: {reply}")
            check(matches_manifest(reply, manifest, batch), f"{manifest['name']} batch {batch}: outputs as the manifest says")
            check(equals_reference(reply, reference(folder, manifest, reply.variant, arrays), reply.variant),
                  f"{manifest['name']} batch {batch} variant {reply.variant}: outputs equal onnxruntime's")

    # A model that is not loaded (unloaded over HTTP, should it be), then loaded over HTTP.
    synthetic = catalog["synthetic-matmul"]
    answer = requests.post(f"http://{http}/v2/repository/models/synthetic-matmul/unload", timeout=60)
    check(answer.status_code == 200, f"synthetic-matmul unloaded over HTTP: {answer.status_code} {answer.text}")
    reply = client.call(request(new_id(), "synthetic-matmul", synthetic_input()))
    check(refused(reply, 503, "model_unavailable"), f"synthetic-matmul before it is loaded: 503 model_unavailable: {reply}")
    load_synthetic(http)
    reply = client.call(request(new_id(), "synthetic-matmul", synthetic_input(), timeout_us=5_000_000))
    check(reply is not None and reply.status == 200 and reply.variant == "full" and matches_manifest(reply, synthetic, 1),
          f"synthetic-matmul answers its checksum on its preferred variant (no ONNX file to compare with): {reply}")

    # Pinned variants: each variant of each model runs when asked, equal to onnxruntime on that file.
    for manifest in catalog.values():
        for variant in manifest["variants"]:
            arrays = random_inputs(manifest)
            reply = client.call(request(new_id(), manifest["name"], arrays, pinned=variant["name"], timeout_us=5_000_000))
            check(reply is not None and reply.status == 200 and reply.variant == variant["name"] and reply.downgrade == "",
                  f"{manifest['name']} pinned to {variant['name']}: runs it, no downgrade: {reply}")
            if variant["runtime"] == "onnxruntime":
                check(equals_reference(reply, reference(folder, manifest, variant["name"], arrays), variant["name"]),
                      f"{manifest['name']} pinned to {variant['name']}: outputs equal onnxruntime's on {variant['file']}")
    sensor = catalog["sensor-mlp"]
    reply = client.call(request(new_id(), "sensor-mlp", random_inputs(sensor), pinned="fp16"))
    check(refused(reply, 404, "unknown_model") and "fp16" in reply.message,
          f"an unknown pinned variant: 404 unknown_model naming it: {reply}")

    # Priority by class name and by Triton-style level, counted by class in the metrics.
    classifier = catalog["classifier"]
    sent = {"critical": ["critical", "1"], "standard": ["", "0", "standard", "2"], "batch": ["batch", "3", "3"]}
    before = {c: metrics.sum("edgesched_requests_total", model="classifier", **{"class": c}, outcome="completed")
              for c in sent}
    for priorities in sent.values():
        for priority in priorities:
            reply = client.call(request(new_id(), "classifier", random_inputs(classifier), priority=priority))
            check(reply is not None and reply.status == 200, f"priority {priority!r}: ran: {reply}")
    after = {c: metrics.sum("edgesched_requests_total", model="classifier", **{"class": c}, outcome="completed")
             for c in sent}
    counted = {c: after[c] - before[c] for c in sent}
    check(counted == {c: len(p) for c, p in sent.items()}, f"priorities counted by their class: {counted}")
    bad_requests = 0
    for priority in ("9", "nope"):
        reply = client.call(request(new_id(), "classifier", random_inputs(classifier), priority=priority))
        bad_requests += 1
        check(refused(reply, 400, "bad_request") and priority in reply.message,
              f"priority {priority!r}: 400 bad_request naming it: {reply}")

    # Timeouts: longer than the class's default, past the agent's limit, too short for the model.
    reply = client.call(request(new_id(), "sensor-mlp", random_inputs(sensor), priority="critical", timeout_us=5_000_000))
    check(reply is not None and reply.status == 200, f"a 5 s timeout on class critical (default 50 ms): ran: {reply}")
    reply = client.call(request(new_id(), "sensor-mlp", random_inputs(sensor), timeout_us=3_600_000_000))
    bad_requests += 1
    check(refused(reply, 400, "bad_request") and "max_timeout" in reply.message,
          f"a 1 h timeout: 400 bad_request naming max_timeout: {reply}")
    started = time.monotonic()
    reply = client.call(request(new_id(), "synthetic-matmul", synthetic_input(), timeout_us=500))
    elapsed = time.monotonic() - started
    check(refused(reply, 429, "would_miss_deadline") and elapsed < 1.0,
          f"a 0.5 ms timeout for a 2 ms model: 429 would_miss_deadline at once ({elapsed * 1000:.1f} ms): {reply}")

    for manifest in preloaded:
        preferred = manifest["variants"][0]["name"]
        for options in ({"flags": NO_DOWNGRADE}, {"lowest": preferred}):
            arrays = random_inputs(manifest)
            reply = client.call(request(new_id(), manifest["name"], arrays, **options))
            check(reply is not None and reply.status == 200 and reply.variant == preferred and reply.downgrade == ""
                  and equals_reference(reply, reference(folder, manifest, preferred, arrays), preferred),
                  f"{manifest['name']} with {options}: runs the preferred {preferred}, outputs equal onnxruntime's")
    reply = client.call(request(new_id(), "sensor-mlp", random_inputs(sensor), flags=0x0004))
    bad_requests += 1
    check(refused(reply, 400, "bad_request"), f"an unknown flag bit: 400 bad_request: {reply}")

    # Many in flight on one DEALER: slow standard requests first, then fast critical ones that pass them.
    sent_order, inputs_by_id = [], {}
    for _ in range(24):
        request_id = new_id()
        sent_order.append(("synthetic-matmul", request_id))
        client.send(request(request_id, "synthetic-matmul", synthetic_input(), priority="standard",
                            timeout_us=10_000_000))
    for _ in range(24):
        request_id, arrays = new_id(), random_inputs(sensor)
        sent_order.append(("sensor-mlp", request_id))
        inputs_by_id[request_id] = arrays
        client.send(request(request_id, "sensor-mlp", arrays, priority="critical", timeout_us=5_000_000))
    arrived = [client.receive(20.0) for _ in sent_order]
    check(None not in arrived, f"48 in flight on one DEALER: {len(arrived) - arrived.count(None)} answered of 48")
    model_of = dict((i, m) for m, i in sent_order)
    check(sorted(r.id for r in arrived) == sorted(model_of), "each id answered exactly once")
    check(all(r.status == 200 for r in arrived), f"all 48 ran: {[r for r in arrived if r.status != 200]}")
    def carries_its_own_outputs(reply):
        if model_of[reply.id] == "synthetic-matmul":
            return matches_manifest(reply, synthetic, 1)
        arrays = inputs_by_id[reply.id]
        return equals_reference(reply, reference(folder, sensor, reply.variant, arrays), reply.variant)

    strays = [r for r in arrived if not carries_its_own_outputs(r)]
    check(not strays, f"every reply carries the outputs of the request with its id: {strays[:2]}")
    order = [model_of[r.id] for r in arrived]
    first_fast = order.index("sensor-mlp")
    last_slow = len(order) - 1 - order[::-1].index("synthetic-matmul")
    check(first_fast < last_slow, f"replies out of the order sent: a fast one came at {first_fast}, a slow one at {last_slow}")

    # Downgrade under pressure: a backlog of 5 ms runs; the no-downgrade ones all run full.
    flood, strict = [], set()
    for index in range(160):
        request_id = new_id()
        flags = NO_DOWNGRADE if index % 8 == 0 else 0
        if flags:
            strict.add(request_id)
        flood.append(request_id)
        client.send(request(request_id, "synthetic-matmul", synthetic_input(), timeout_us=30_000_000, flags=flags))
    shed = None
    for _ in range(100):
        probe = client.call(request(new_id(), "synthetic-matmul", synthetic_input(), priority="batch",
                                    timeout_us=30_000_000), 30.0)
        if probe is not None and probe.status == 429:
            shed = probe
            break
        time.sleep(0.005)
    replies = [client.reply_to(request_id, 60.0) for request_id in flood]
    check(all(r is not None and r.status == 200 for r in replies),
          f"160 queued with 30 s timeouts: all ran: {[r for r in replies if r is None or r.status != 200][:3]}")
    downgraded = [r for r in replies if r.id not in strict and r.downgrade]
    check(all(r.variant == "full" and r.downgrade == "" for r in replies if r.id in strict),
          f"under a backlog the no-downgrade ones all ran full ({len(downgraded)} others downgraded: "
          f"{sorted(set(r.downgrade for r in downgraded))})")
    check(refused(shed, 429, "overload"), f"a sheddable (batch) request behind the backlog: 429 overload: {shed}")

    # Errors a client can make, each answered with its reason.
    wrong = {"series": rng.standard_normal([1, 31]).astype(np.float32)}
    reply = client.call(request(new_id(), "sensor-mlp", wrong))
    bad_requests += 1
    check(refused(reply, 400, "bad_request") and "series" in reply.message and "31" in reply.message,
          f"a wrong shape: 400 bad_request naming the input and the shape: {reply}")
    reply = client.call(request(new_id(), "sensor-mlp", {"series": np.zeros([1, 32], dtype=np.float64)}))
    bad_requests += 1
    check(refused(reply, 400, "bad_request") and "FP64" in reply.message,
          f"a wrong datatype: 400 bad_request naming it: {reply}")
    reply = client.call(request(new_id(), "sensor-mlp", {"readings": np.zeros([1, 32], dtype=np.float32)}))
    bad_requests += 1
    check(refused(reply, 400, "bad_request") and "readings" in reply.message,
          f"an unknown input name: 400 bad_request naming it: {reply}")
    two = {"series": np.zeros([1, 32], dtype=np.float32), "extra": np.zeros([1], dtype=np.float32)}
    reply = client.call(request(new_id(), "sensor-mlp", two))
    bad_requests += 1
    check(refused(reply, 400, "bad_request"), f"an input the model does not have: 400 bad_request: {reply}")
    reply = client.call(request(new_id(), "no-such-model", random_inputs(sensor)))
    check(refused(reply, 404, "unknown_model") and "no-such-model" in reply.message,
          f"an unknown model: 404 unknown_model naming it: {reply}")

    moved = {r: metrics.sum("edgesched_ingress_rejections_total", ingress="zeromq", reason=r) - rejections_before[r]
             for r in rejections_before}
    check(moved["bad_request"] == bad_requests and moved["unknown_model"] >= 1,
          f"metrics: ingress rejections counted ({bad_requests} bad requests sent): {moved}")
    check(metrics.sum("edgesched_requests_total", model="synthetic-matmul", outcome="would_miss_deadline") >= 1,
          "metrics: would_miss_deadline counted")
    check(metrics.sum("edgesched_requests_total", model="sensor-mlp", **{"class": "critical"}, outcome="completed") >= 25,
          "metrics: sensor-mlp's critical requests counted")
    client.close()


def limits(endpoint, http, metrics_address, per_peer):
    metrics = Metrics(metrics_address)
    load_synthetic(http)
    before = metrics.sum("edgesched_ingress_rejections_total", ingress="zeromq", reason="in_flight_limit")
    client = Dealer(context, endpoint)
    sent = [new_id() for _ in range(per_peer * 3)]
    for request_id in sent:
        client.send(request(request_id, "synthetic-matmul", synthetic_input(), timeout_us=10_000_000))
    replies = [client.reply_to(request_id, 20.0) for request_id in sent]
    check(all(r is not None for r in replies), f"{len(sent)} sent at once on one DEALER: each answered")
    over = [r for r in replies if r.status != 200]
    check(all(refused(r, 429, "in_flight_limit") for r in over) and 0 < len(over) <= len(sent) - per_peer,
          f"past {per_peer} in flight on one DEALER: 429 in_flight_limit ({len(over)} of {len(sent)}): {over[:2]}")
    counted = metrics.sum("edgesched_ingress_rejections_total", ingress="zeromq", reason="in_flight_limit") - before
    check(counted == len(over), f"metrics: {counted} in_flight_limit refusals counted, {len(over)} seen")
    reply = client.call(request(new_id(), "synthetic-matmul", synthetic_input(), timeout_us=10_000_000))
    check(reply is not None and reply.status == 200, f"the same DEALER is served once its replies are in: {reply}")

    peers = [Dealer(context, endpoint) for _ in range(8)]
    sent = []
    for peer in peers:
        for _ in range(per_peer):
            request_id = new_id()
            sent.append((peer, request_id))
            peer.send(request(request_id, "synthetic-matmul", synthetic_input(), priority="small",
                              timeout_us=10_000_000))
    replies = [peer.reply_to(request_id, 20.0) for peer, request_id in sent]
    check(all(r is not None for r in replies), f"{len(sent)} at once from 8 DEALERs: each answered")
    full = [r for r in replies if r.status != 200]
    check(full and all(refused(r, 429, "queue_full") for r in full),
          f"class small (max_queue 2): the rest 429 queue_full ({len(full)} of {len(sent)}): {full[:2]}")
    counted = metrics.sum("edgesched_requests_total", model="synthetic-matmul", **{"class": "small"}, outcome="queue_full")
    check(counted == len(full), f"metrics: {counted} queue_full counted, {len(full)} seen")
    for peer in peers + [client]:
        peer.close()


def faulty(endpoint, folder, workers):
    client = Dealer(context, endpoint)
    timeout_us = 300_000
    sent, started = [new_id() for _ in range(workers + 3)], time.monotonic()
    for request_id in sent:
        client.send(request(request_id, "slow-loop", {"x": np.arange(4, dtype=np.float32).reshape(1, 4)},
                            timeout_us=timeout_us))
    arrived = []
    for _ in sent:
        reply = client.receive(30.0)
        if reply is None:
            break
        arrived.append((reply, time.monotonic() - started))
    check(len(arrived) == len(sent), f"slow-loop: {len(arrived)} of {len(sent)} answered")
    summary = [(r.status, r.reason, round(t, 3)) for r, t in arrived]
    late = [(r, t) for r, t in arrived if r.status == 200]
    expired = [(r, t) for r, t in arrived if r.status != 200]
    check(sorted(r.id for r, _ in arrived) == sorted(sent), "slow-loop: each id answered once")
    check(len(late) == workers and all(refused(r, 504, "deadline_exceeded") for r, _ in expired),
          f"{workers} run, 3 expire in the queue with 504 deadline_exceeded: {summary}")
    check(min(r.service_us for r, _ in late) > timeout_us, "slow-loop ran past its 300 ms timeout")
    check(min(t for _, t in expired) >= 0.29 and max(t for _, t in expired) < min(t for _, t in late),
          f"the 504s came at the deadline, while the workers were busy: {summary}")

    indices = np.array([1, 8], dtype=np.int64)
    reply = client.call(request(new_id(), "lookup", {"indices": indices}))
    check(reply is not None and reply.status == 500 and reply.reason == "runtime_error" and not reply.outputs
          and "lookup" in reply.message and "Gather" in reply.message,
          f"index 8 of 8 rows: 500 runtime_error with ONNX Runtime's message: {reply}")
    indices = np.array([1, 3], dtype=np.int64)
    reply = client.call(request(new_id(), "lookup", {"indices": indices}))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    table = ort.InferenceSession(f"{folder}/lookup.fp32.onnx", options, providers=["CPUExecutionProvider"])
    expected = table.run(None, {"indices": indices})[0]
    check(reply is not None and reply.status == 200 and np.array_equal(reply.outputs.get("rows"), expected),
          f"the next good request is served, rows equal onnxruntime's: {reply}")
    client.close()


def drain(endpoint, http, pid):
    load_synthetic(http)
    loaders = [Dealer(context, endpoint) for _ in range(2)]
    flood = []
    for loader in loaders:
        for _ in range(200):
            request_id = new_id()
            flood.append((loader, request_id))
            loader.send(request(request_id, "synthetic-matmul", synthetic_input(), pinned="full",
                                timeout_us=30_000_000))
    first = loaders[0].reply_to(flood[0][1], 30.0)
    check(first is not None and first.status == 200, f"400 queued on 5 ms runs, the first ran: {first}")
    os.kill(pid, signal.SIGTERM)
    prober, probes, refusal = Dealer(context, endpoint), [], None
    sensor = {"series": np.zeros([1, 32], dtype=np.float32)}
    while refusal is None and len(probes) < 300:
        request_id = new_id()
        probes.append(request_id)
        reply = prober.call(request(request_id, "sensor-mlp", sensor, priority="critical"), 10.0)
        check(reply is not None and reply.status in (200, 503), f"a request after SIGTERM is answered: {reply}")
        if reply.status == 503:
            refusal = reply
        time.sleep(0.01)
    check(refused(refusal, 503, "shutting_down"), f"while the agent drains: 503 shutting_down: {refusal}")
    replies = [first] + [loader.reply_to(request_id, 30.0) for loader, request_id in flood[1:]]
    outcomes = {}
    for reply in replies:
        key = "unanswered" if reply is None else f"{reply.status} {reply.reason}".strip()
        outcomes[key] = outcomes.get(key, 0) + 1
    check(set(outcomes) <= {"200", "503 shutting_down"},
          f"each of the 400 sent before SIGTERM answered once, 200 or 503 shutting_down: {outcomes}")
    for index, loader in enumerate(loaders):
        statuses = [r.status for (sender, _), r in zip(flood, replies) if sender is loader]
        ran = statuses.count(200)
        check(statuses == [200] * ran + [503] * (len(statuses) - ran),
              f"DEALER {index}: what reached the agent before SIGTERM ran ({ran}); only what came after was refused")
    for socket in loaders + [prober]:
        socket.close()


def ladder(endpoint):
    """Downgrade flags on `ladder` (synthetic: full 60 ms, lite 1 ms) with a 20 ms timeout: only lite makes
    it, with a margin that a busy machine does not eat."""
    client = Dealer(context, endpoint)
    tight = 20_000

    def ladder_request(**options):
        return request(new_id(), "ladder", synthetic_input(), **options)

    reply = ran_within_tries(client, lambda: ladder_request(timeout_us=tight))
    check(reply is not None and reply.status == 200 and reply.variant == "lite" and reply.downgrade == "deadline",
          f"20 ms, downgrades allowed: runs lite, downgrade reason deadline: {reply}")
    reply = client.call(ladder_request(timeout_us=tight, flags=NO_DOWNGRADE))
    check(refused(reply, 429, "would_miss_deadline"), f"20 ms, no-downgrade flag: 429 would_miss_deadline: {reply}")
    reply = client.call(ladder_request(timeout_us=tight, lowest="full"))
    check(refused(reply, 429, "would_miss_deadline"), f"20 ms, lowest variant full: 429 would_miss_deadline: {reply}")
    reply = ran_within_tries(client, lambda: ladder_request(timeout_us=tight, lowest="lite"))
    check(reply is not None and reply.status == 200 and reply.variant == "lite",
          f"20 ms, lowest variant lite: runs lite: {reply}")
    reply = client.call(ladder_request(timeout_us=tight, pinned="full"))
    check(refused(reply, 429, "would_miss_deadline"), f"20 ms, pinned to full: 429 would_miss_deadline: {reply}")
    reply = client.call(ladder_request(timeout_us=5_000_000, flags=NO_DOWNGRADE))
    check(reply is not None and reply.status == 200 and reply.variant == "full" and reply.downgrade == "",
          f"5 s, no-downgrade flag: runs full: {reply}")


if __name__ == "__main__":
    mode, arguments = sys.argv[1], sys.argv[2:]
    if mode == "models":
        models(*arguments)
    elif mode == "limits":
        limits(arguments[0], arguments[1], arguments[2], int(arguments[3]))
    elif mode == "faulty":
        faulty(arguments[0], arguments[1], int(arguments[2]))
    elif mode == "drain":
        drain(arguments[0], arguments[1], int(arguments[2]))
    elif mode == "ladder":
        ladder(arguments[0])
    else:
        sys.exit(f"zeromq_client.py: unknown mode {mode!r}: models, limits, faulty, drain or ladder")
    print("all checks passed")
