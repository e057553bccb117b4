#!/usr/bin/env python3
"""Drives a running agent's thermal and memory signals through the sensor
files under its topology root, and checks from GET /metrics and from the
variant that answers requests how it steps down and back (the tests' own
client, not shipped):

    python3 Tests/Clients/sensor_signals.py ladder|garbled HTTP METRICS TEMPERATURE_FILE MEMINFO_FILE HOLD_SECONDS

The agent serves `signals-ladder` (variants full, half, lite) and has the
default watermarks: 85 / 75 °C and 256 / 512 MiB free, with the hold given.

- ladder: for each signal, past the watermark it steps down one rung;
  between the watermarks it holds; back, it steps up; swung straight back,
  it waits the hold; held past, it steps one rung further per hold and no
  further than the last rung; swung faster than the hold, it changes at
  most once per hold.
- garbled: a file that holds garbage, or nothing, leaves the level as it
  was (a reading past the watermark would have moved it), and the agent
  takes the next good value.

Over the whole run, every change counted by edgesched_downgrade_changes_total
must come at least the hold after the one before, by the agent's own change
times (edgesched_downgrade_changed_seconds); no slack is allowed that way.
Prints each change seen; exits non-zero naming the failed check.
"""
import json
import os
import re
import sys
import time
import urllib.request

MODEL = "signals-ladder"
VARIANTS = ["full", "half", "lite"]
STATE = ["edgesched_downgrade_level", "edgesched_downgrade_changed_seconds", "edgesched_downgrade_changes_total"]
SAMPLE = re.compile(r'^(\w+)\{([^}]*)\} (\S+)$')
LABEL = re.compile(r'(\w+)="([^"]*)"')
# How late a step the hold allows may come: polls, scrapes and a loaded machine.
LATE = 1.0
# How long a wait for a level may take before the check fails.
PATIENCE = 10.0
# The float resolution of a Unix time near 2e9 seconds, nothing more.
RESOLUTION = 1e-6

http, metrics, temperature_file, meminfo_file, hold = sys.argv[2:7]
hold = float(hold)
samples = []


def fail(message):
    print(f"FAILED: {message}")
    sys.exit(1)


def scrape():
    """Every downgrade and sensor series of domain 0, and when it was read."""
    text = urllib.request.urlopen(f"http://{metrics}/metrics", timeout=10).read().decode()
    sample = {"t": time.time()}
    for line in text.splitlines():
        match = SAMPLE.match(line)
        if not match:
            continue
        name, labels, value = match.group(1), dict(LABEL.findall(match.group(2))), float(match.group(3))
        if labels.get("domain") != "0":
            continue
        if name.startswith("edgesched_downgrade_") and labels.get("signal") in ("thermal", "memory"):
            sample[(name, labels["signal"])] = value
        elif name in ("edgesched_sensor_celsius", "edgesched_sensor_free_mebibytes"):
            sample[name] = value
    samples.append(sample)
    return sample


def level(sample, signal):
    return int(sample[("edgesched_downgrade_level", signal)])


def changed(sample, signal):
    return sample[("edgesched_downgrade_changed_seconds", signal)]


def wait_for(what, predicate):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        sample = scrape()
        if predicate(sample):
            return sample
    fail(f"no {what} within {PATIENCE} s; last: {samples[-1]}")


def watch(seconds, what, predicate):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sample = scrape()
        if not predicate(sample):
            fail(f"{what}: {sample}")


def infer():
    body = json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 16], "data": [0.5] * 16}]})
    request = urllib.request.Request(
        f"http://{http}/v2/models/{MODEL}/infer", body.encode(), {"Content-Type": "application/json"})
    reply = json.loads(urllib.request.urlopen(request, timeout=10).read())
    return reply["model_version"], reply.get("parameters", {}).get("edgesched_downgrade_reason")


def expect_variant(rung, reason):
    answer = infer()
    if answer != (VARIANTS[rung], reason):
        fail(f"answered by {answer}, expected {(VARIANTS[rung], reason)}")
    print(f"answered by {answer[0]} (downgrade reason {answer[1]}) at {time.time() - samples[0]['t']:+.3f} s")


def overwrite(path, content):
    """Rewrites the file in place with one pwrite (the agent keeps it open, so
    no rename), values at a fixed width so that no poll sees half a write."""
    descriptor = os.open(path, os.O_WRONLY)
    try:
        os.pwrite(descriptor, content, 0)
        os.ftruncate(descriptor, len(content))
    finally:
        os.close(descriptor)


def set_celsius(celsius):
    overwrite(temperature_file, f"{int(celsius * 1000):05d}\n".encode())


MEMINFO = open(meminfo_file).read()
MEMFREE = re.search(r"MemFree:( +\d+) kB", MEMINFO)


def set_free_mebibytes(mebibytes, text=None):
    field = len(MEMFREE.group(1))
    value = text if text is not None else str(int(mebibytes * 1024))
    rewritten = MEMINFO[:MEMFREE.start(1)] + value.rjust(field) + MEMINFO[MEMFREE.end(1):]
    overwrite(meminfo_file, rewritten.encode())


SIGNALS = {
    # signal: (writer, its gauge, normal, past the watermark, between, back)
    "thermal": (set_celsius, "edgesched_sensor_celsius", 50, 95, 80, 60),
    "memory": (set_free_mebibytes, "edgesched_sensor_free_mebibytes", 2048, 128, 384, 1024),
}


def settle(signal):
    write, gauge, normal, *_ = SIGNALS[signal]
    write(normal)
    wait_for(f"{signal} back to normal", lambda s: s.get(gauge) == normal and level(s, signal) == 0)


def signal_state(sample, signal):
    return tuple(sample[(name, signal)] for name in STATE)


def at_level(signal, rung):
    """The first sample at `rung` that the next one confirms: a scrape reads
    the level, its change time and its count one after another, so one
    taken during a change may mix old and new."""
    previous = wait_for(f"{signal} level {rung}", lambda s: level(s, signal) == rung)
    while True:
        sample = scrape()
        if signal_state(sample, signal) == signal_state(previous, signal):
            return sample
        previous = sample


def ladder(signal):
    write, gauge, normal, past, between, back = SIGNALS[signal]
    settle(signal)
    expect_variant(0, None)

    write(past)
    at_level(signal, 1)
    write(between)
    expect_variant(1, signal)
    watch(3 * hold, f"{signal} between the watermarks must hold level 1", lambda s: level(s, signal) == 1)
    write(back)
    at_level(signal, 0)
    expect_variant(0, None)

    write(past)
    down = at_level(signal, 1)
    write(back)
    up = at_level(signal, 0)
    waited = changed(up, signal) - changed(down, signal)
    if not hold - RESOLUTION <= waited <= hold + LATE:
        fail(f"{signal} swung straight back stepped up {waited:.3f} s after stepping down, hold {hold} s")

    write(past)
    at_level(signal, 1)
    at_level(signal, 2)
    watch(2 * hold, f"{signal} held past must stay on the last rung", lambda s: level(s, signal) == 2)
    expect_variant(2, signal)
    write(back)
    at_level(signal, 1)
    at_level(signal, 0)

    end = time.monotonic() + 8 * hold
    while time.monotonic() < end:
        write(past if int(time.monotonic() / 0.04) % 2 == 0 else back)
        scrape()
    settle(signal)


def garbled(signal, garbage):
    write, gauge, normal, past, between, back = SIGNALS[signal]
    settle(signal)
    write(past)
    at_level(signal, 1)
    for content in garbage:
        content()
        watch(3 * hold, f"{signal} unreadable must keep level 1 (past would go on to 2)", lambda s: level(s, signal) == 1)
    write(between)
    wait_for(f"{signal} readable again", lambda s: s.get(gauge) == between)
    write(back)
    at_level(signal, 0)
    settle(signal)


def check_every_change():
    """Each change counted comes at least the hold after the one before, by
    the agent's change times, read from samples their neighbours confirm
    (one taken during a change may mix old and new)."""
    for signal in SIGNALS:
        count_key, time_key = ("edgesched_downgrade_changes_total", signal), ("edgesched_downgrade_changed_seconds", signal)
        states = [signal_state(sample, signal) for sample in samples]
        confirmed = [samples[i] for i in range(1, len(samples) - 1) if states[i - 1] == states[i] == states[i + 1]]
        for previous, sample in zip(confirmed, confirmed[1:]):
            count = int(sample[count_key] - previous[count_key])
            if count == 0:
                continue
            step = level(sample, signal) - level(previous, signal)
            if count == 1 and abs(step) != 1:
                fail(f"{signal}: one change moved the level by {step}: {previous} -> {sample}")
            since = sample[time_key] - previous[time_key]
            if previous[time_key] > 0 and since < count * hold - RESOLUTION:
                fail(f"{signal}: {count} change(s) {since:.4f} s after the one before, hold {hold} s")
            after = f", {since:.3f} s after the one before" if previous[time_key] > 0 else ""
            print(f"{signal}: level {level(previous, signal)} -> {level(sample, signal)} at "
                  f"{sample[time_key] - samples[0]['t']:+.3f} s{after}")
        print(f"{signal}: {int(confirmed[-1][count_key] - confirmed[0][count_key])} changes")


mode = sys.argv[1]
for _ in range(3):
    scrape()
if mode == "ladder":
    for signal in SIGNALS:
        ladder(signal)
elif mode == "garbled":
    garbled("thermal", [lambda: overwrite(temperature_file, b"hot!!\n"), lambda: overwrite(temperature_file, b"")])
    garbled("memory", [lambda: set_free_mebibytes(0, "lots")])
else:
    fail(f"unknown mode {mode}")
for _ in range(3):
    scrape()
check_every_change()
print(f"{len(samples)} scrapes over {samples[-1]['t'] - samples[0]['t']:.1f} s")
