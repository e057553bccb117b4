#!/usr/bin/env python3
"""Overload end to end: the real agent (release build, real pinned threads)
at twice the synthetic model's capacity with critical, standard and batch
traffic from `edgesched load`, beside the same agent under the `queue-timeout`
baseline (strict priority levels, each request refused once it has waited its
timeout in the queue or past the class's queue cap: what a Triton user sets
up) and configured as FIFO (one class, no deadlines, no downgrades), rounds
alternating; medians and ratios.

    python3 Benchmarks/overload/run.py [--rounds 3] [--duration 10s] [--rate 400]
                                       [--binary PATH] [--load-cpus 0] [--preconnect 0]

Both agents run one worker on CPU 1 (`reserve: "0"` keeps CPU 0 for all the
agent's other threads, docs/placement.md), and the load generator runs under
`taskset -c 0` (`--load-cpus`, empty: anywhere), on the reserve too, so that
on this 2-core machine nothing but the worker competes for CPU 1 — as on a
node whose clients are elsewhere. `--binary` runs another build of the agent
(a baseline), with this checkout's models. They serve
`synthetic-matmul` (5 ms preferred variant, 2 ms cheaper one): capacity on the
preferred variant is 200/s, so 400/s is 2x. The same seed gives both agents
the same arrivals; the FIFO run sends no class or timeout parameters and is
judged against the same class timeouts. `--rate 800` is 4x: 1.6x the
capacity even on the cheaper variant, where admission must refuse early
enough that what it admits is answered on time. `--preconnect N` has the
load generator open N connections before its first arrival instead of each
when first needed; on this machine it changed nothing beyond noise (stop 25's
note), so the default stays 0.
"""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build/release/edgesched")
CLASSES = ["critical:0.1:50ms", "standard:0.6:200ms", "batch:0.3:2s"]
EDGESCHED = 'placement: {reserve: "0"}\n'
QUEUE_TIMEOUT = 'placement: {reserve: "0"}\nscheduling: {policy: queue-timeout}\n'
FIFO = '''placement: {reserve: "0"}
classes: [{name: fifo, weight: 1, timeout: none, max_queue: 10000000}]
default_class: fifo
downgrade: {pressure: {high: 60m, low: 59m}}
'''


def start_agent(config, binary):
    file = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
    file.write(config)
    file.close()
    process = subprocess.Popen([binary, "agent", "--config", file.name, "--http", "127.0.0.1:0", "--zeromq",
                                "tcp://127.0.0.1:*", "--metrics", "127.0.0.1:0"], cwd=ROOT, stderr=subprocess.PIPE,
                               text=True)
    http = metrics = None
    while http is None or metrics is None:
        line = process.stderr.readline()
        if not line:
            sys.exit(f"the agent exited: {process.wait()}")
        if found := re.search(r"Open Inference Protocol on (\S+)", line):
            http = found.group(1)
        if found := re.search(r"serving /metrics on (\S+)", line):
            metrics = found.group(1)
    urllib.request.urlopen(urllib.request.Request(
        f"http://{http}/v2/repository/models/synthetic-matmul/load", method="POST")).read()
    products = None
    while products is None:
        line = process.stderr.readline()
        if not line:
            sys.exit(f"the agent exited: {process.wait()}")
        if "synthetic-matmul ready" in line or "synthetic-matmul unavailable" in line:
            # The calibrated work of the 2 ms variant (builds before it was logged: 0).
            products = int((re.search(r"lite@0 \((\d+) matrix products", line) or [0, 0])[1])
    return process, http, metrics, products


def metric(text, name):
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + " ")
               or line.startswith(name + "{"))


def variant_metric(text, name, label):
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + "{")
               and label in line)


def run(config, extra, arguments):
    process, http, metrics, products = start_agent(config, arguments.binary)
    pinning = ["taskset", "-c", arguments.load_cpus] if arguments.load_cpus else []
    command = pinning + [arguments.binary, "load", "--url", f"http://{http}", "--model", "synthetic-matmul",
                         "--rate", str(arguments.rate), "--duration", arguments.duration, "--connections", "4000",
                         "--preconnect", str(arguments.preconnect),
                         "--seed", "7", "--format", "json"]
    command += [part for spec in CLASSES for part in ("--class", spec)] + extra
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    scraped = urllib.request.urlopen(f"http://{metrics}/metrics").read().decode()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    work, late = metric(scraped, "edgesched_work_seconds_total"), metric(scraped, "edgesched_late_work_seconds_total")
    report["late_work_share"] = late / work if work else 0.0
    for variant in ("full", "lite"):
        label = f'variant="{variant}"'
        runs = variant_metric(scraped, "edgesched_service_seconds_count", label)
        report[f"{variant}_ms"] = 1000 * variant_metric(scraped, "edgesched_service_seconds_sum", label) / max(1, runs)
    report["exit_code"] = process.returncode
    report["lite_products"] = products
    return report


def summary(report):
    classes = {c["name"]: c for c in report["classes"]}
    total = report["total"]
    row = {"goodput": total["goodput_per_s"], "late_work_%": 100 * report["late_work_share"],
           "full_service_ms": report["full_ms"], "lite_service_ms": report["lite_ms"],
           "lite_products": report["lite_products"],
           "offered": total["offered"], "answered_once": total["offered"] == (
               total["answered"] + total["deadline_exceeded"] + total["refused_total"] + total["errors_total"]),
           "errors": total["errors_total"], "exit": report["exit_code"]}
    for name in ("critical", "standard", "batch"):
        c = classes[name]
        row[f"{name}_on_time_%_of_offered"] = 100 * c["on_time"] / max(1, c["offered"])
        row[f"{name}_on_time_%_of_admitted"] = 100 * c["on_time"] / max(1, c["admitted"])
        row[f"{name}_p99_ms"] = (c["latency_us"] or {}).get("p99", 0) / 1000
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--rate", type=float, default=400)
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--load-cpus", default="0")
    parser.add_argument("--preconnect", type=int, default=0)
    arguments = parser.parse_args()
    modes = {"edgesched": (EDGESCHED, []), "queue-timeout": (QUEUE_TIMEOUT, []),
             "fifo": (FIFO, ["--no-class-parameters"])}
    results = {name: [] for name in modes}
    for round_number in range(1, arguments.rounds + 1):
        for name, (config, extra) in modes.items():
            results[name].append(summary(run(config, extra, arguments)))
            print(f"round {round_number} {name}: " + json.dumps(results[name][-1]), flush=True)
    print()
    keys = list(results["edgesched"][0].keys())
    print(f"{'median of ' + str(arguments.rounds) + ' rounds':40}" + "".join(f"{name:>14}" for name in modes))
    for key in keys:
        values = [statistics.median([float(r[key]) for r in results[name]]) for name in modes]
        print(f"{key:40}" + "".join(f"{value:14.2f}" for value in values))
    edgesched = statistics.median(r["goodput"] for r in results["edgesched"])
    for baseline in ("queue-timeout", "fifo"):
        other = statistics.median(r["goodput"] for r in results[baseline])
        print(f"goodput ratio edgesched / {baseline}: {edgesched / other:.2f} (goal >= 1.5)")


if __name__ == "__main__":
    main()
