#!/usr/bin/env python3
"""edgesched against the real thing under overload (issue 14): the Triton
peer's `mlp_sched` model (../shared/peers/triton: one instance, one request at
a time, strict priority levels 1-3 with queue timeouts of 50 / 200 / 2000 ms
(REJECT) and a queue cap; the request parameter `work_ms` burns that much CPU
per request) beside the release agent with one worker and a synthetic
variant of the same cost, driven by the same `edgesched load` arrivals (one
seed) at twice Triton's measured capacity: 10 % critical 50 ms, 60 % standard
200 ms, 30 % batch 2 s. Triton gets each class as its priority level
(`--priority-as-integer`) with `work_ms`; the agent gets the class names.
Rounds alternate; the table shows medians of per-class on-time shares and
goodput, and the goodput ratio (goal: edgesched >= 1.5x Triton).

    python3 Benchmarks/triton-sched/run.py [--rounds 3] [--duration 10s] [--work-ms 5]

Needs the Triton peer set up as its README says (/tmp/triton-venv); the
script starts it with the peer's start.sh and stops it by its pid file.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build/release/edgesched")
PEER = os.path.join(os.path.dirname(ROOT), "shared/peers/triton")
TRITON = "http://127.0.0.1:8010"
CLASSES = ["critical:0.1:50ms", "standard:0.6:200ms", "batch:0.3:2s"]


def manifest(work_ms):
    return f"""name: work
description: a synthetic variant of the same CPU cost as the Triton peer's work_ms
inputs: [{{name: x, datatype: FP32, shape: [-1, 64]}}]
outputs: [{{name: checksum, datatype: FP64, shape: [1]}}]
variants: [{{name: full, runtime: synthetic, service_ms: {work_ms}, memory_mb: 1}}]
placement: {{domains: all, preload: true}}
"""


def triton_repo(folder):
    """A repository with only mlp_sched: the shared one holds its model.py and mlp.onnx as link targets written
    into files, which Triton cannot load, so the real files come from the mlp model beside it."""
    version = os.path.join(folder, "triton-repo/mlp_sched/1")
    os.makedirs(version)
    shutil.copy(os.path.join(PEER, "repo/mlp_sched/config.pbtxt"), os.path.dirname(version))
    for name in ("model.py", "mlp.onnx"):
        shutil.copy(os.path.join(PEER, "repo/mlp/1", name), version)
    return os.path.dirname(os.path.dirname(version))


def start_agent(folder):
    config = os.path.join(folder, "agent.yaml")
    with open(config, "w") as file:
        file.write(f'models: {{folder: {folder}/models}}\nplacement: {{reserve: "0"}}\nmetrics: null\n')
    process = subprocess.Popen([BINARY, "agent", "--config", config, "--http", "127.0.0.1:0", "--zeromq",
                                "tcp://127.0.0.1:*"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    http = None
    ready = False
    while not (http and ready):
        line = process.stderr.readline()
        if not line:
            sys.exit(f"the agent exited: {process.wait()}")
        if found := re.search(r"Open Inference Protocol on (\S+)", line):
            http = found.group(1)
        ready = ready or "lifecycle: serving" in line
    return process, f"http://{http}"


def load(url, model, rate, duration, extra, classes=True):
    command = [BINARY, "load", "--url", url, "--model", model, "--rate", str(rate), "--duration", duration,
               "--connections", "2000", "--seed", "7", "--format", "json"] + extra
    if classes:
        command += [part for spec in CLASSES for part in ("--class", spec)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def summary(report):
    total = report["total"]
    row = {"goodput": total["goodput_per_s"], "sent_per_s": report["sent_per_s"],
           "answered_once": total["offered"] == (total["answered"] + total["deadline_exceeded"]
                                                 + total["refused_total"] + total["errors_total"]),
           "errors": total["errors_total"]}
    for c in report["classes"]:
        row[f"{c['name']}_on_time_%_of_offered"] = 100 * c["on_time"] / max(1, c["offered"])
        row[f"{c['name']}_on_time_%_of_admitted"] = 100 * c["on_time"] / max(1, c["admitted"])
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--work-ms", type=float, default=5)
    arguments = parser.parse_args()
    work = ["--parameter", f"work_ms={arguments.work_ms:g}"]
    folder = tempfile.mkdtemp()
    os.mkdir(os.path.join(folder, "models"))
    with open(os.path.join(folder, "models/work.yaml"), "w") as file:
        file.write(manifest(arguments.work_ms))
    subprocess.run([os.path.join(PEER, "start.sh")], check=True, env=dict(os.environ, TRITON_REPO=triton_repo(folder)))
    try:
        # Triton's capacity: what it answers per second when offered far more, with no class parameters
        # (its default level and 200 ms queue timeout), after a warm-up.
        load(TRITON, "mlp_sched", 100, "2s", work, classes=False)
        probe = load(TRITON, "mlp_sched", 1000 / arguments.work_ms * 1.5, "5s", work, classes=False)
        capacity = probe["total"]["answered"] / 5
        rate = round(2 * capacity, 1)
        print(f"Triton mlp_sched capacity {capacity:.1f}/s at work_ms {arguments.work_ms:g}; driving both at "
              f"{rate}/s (2x)", flush=True)
        results = {"edgesched": [], "triton": []}
        for round_number in range(1, arguments.rounds + 1):
            agent, url = start_agent(folder)
            try:
                results["edgesched"].append(summary(load(url, "work", rate, arguments.duration, [])))
            finally:
                agent.send_signal(signal.SIGTERM)
                agent.wait(timeout=60)
            results["triton"].append(summary(load(TRITON, "mlp_sched", rate, arguments.duration,
                                                  ["--priority-as-integer"] + work)))
            for name in results:
                print(f"round {round_number} {name}: " + json.dumps(results[name][-1]), flush=True)
    finally:
        subprocess.run([os.path.join(PEER, "stop.sh")], check=False)
    print()
    print(f"{'median of ' + str(arguments.rounds) + ' rounds':36} {'edgesched':>12} {'triton':>12}")
    for key in results["edgesched"][0]:
        values = [statistics.median(float(r[key]) for r in results[name]) for name in results]
        print(f"{key:36} {values[0]:12.2f} {values[1]:12.2f}")
    ratio = statistics.median(r["goodput"] for r in results["edgesched"]) / statistics.median(
        r["goodput"] for r in results["triton"])
    print(f"\ngoodput ratio edgesched / triton: {ratio:.2f} (goal >= 1.5)")
    trusted = all(r["answered_once"] and r["errors"] == 0 for rows in results.values() for r in rows)
    print("state: every request had exactly one outcome, no errors" if trusted else
          "state: errors or missing outcomes: the figures are not to be trusted")


if __name__ == "__main__":
    main()
