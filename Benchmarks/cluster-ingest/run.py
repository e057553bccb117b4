#!/usr/bin/env python3
"""Feeds a real coordinator node reports at a site's rate and says whether it keeps up.

    python3 Benchmarks/cluster-ingest/run.py [--nodes 10000] [--seconds 10] [--binary .build/release/edgesched]

Starts `edgesched coordinator` on loopback (interval 1 s, one model), then
sends every node's report once a second from one DEALER — N reports per
second in all, paced in 1 ms steps — each a real NodeReport (one model with
three classes, two domains) with its sequence rising, framed as
docs/cluster-protocol.md says. It measures, over the sending window after a
warm-up second: reports sent per second, reports the coordinator accepted
per second (its /metrics counter, so nothing dropped is counted), what it
dropped and why, its nodes gauge, its planning time, and its CPU (user +
system from /proc over the window, as a share of one core). The sender
runs on the same machine: its own CPU is printed beside.

The coordinator keeps up when accepted/s equals sent/s, nothing is
dropped, and it reports every node.
"""

import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "docs", "cluster-protocol"))
import cluster_pb2  # noqa: E402
import zmq  # noqa: E402

MAGIC = b"ESCL"
SEQUENCE_BASE = 1 << 56  # every sequence from here to 2^63 is a 9-byte varint, patched in place


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def report_template(node, model):
    """The node's report with the base sequence, and where the sequence's 9 bytes stand."""
    report = cluster_pb2.NodeReport(node=node, sequence=SEQUENCE_BASE, interval_ms=1000,
                                    ingress_endpoint=f"tcp://10.1.{len(node) % 200}.1:5555")
    demand = report.demand.models.add(model=model, queue_depth=3, variant_in_use="full")
    for name, rate in (("critical", 5.0), ("standard", 40.0), ("batch", 10.0)):
        demand.classes.add(class_name=name, arrivals_per_second=rate, on_time_per_second=rate * 0.98,
                           refused_per_second=rate * 0.01, shed_per_second=0.0)
    demand.variants.add(variant="full", service_ms=4.0)
    for domain in range(2):
        capacity = report.capacity.domains.add(domain=domain, workers=8, utilisation=0.4,
                                               free_memory_bytes=8 << 30)
        capacity.loaded_variants.add(model=model, variant="full")
        capacity.spare.add(model=model, requests_per_second=600.0)
    payload = bytearray(report.SerializeToString())
    encoded = varint(SEQUENCE_BASE)
    offset = payload.find(b"\x10" + encoded)
    if offset < 0 or len(encoded) != 9:
        raise SystemExit("run.py: the sequence field was not where protobuf puts it")
    return payload, offset + 1


def header(length):
    return MAGIC + struct.pack("<HHI", 1, 1, length)


def scrape(metrics):
    text = urllib.request.urlopen(f"http://{metrics}/metrics", timeout=5).read().decode()
    values = {}
    for line in text.splitlines():
        match = re.match(r'(edgesched_coordinator_\w+)(\{result="(\w+)"\})? ([0-9.e+-]+)$', line)
        if match:
            key = match.group(1) + (f"/{match.group(3)}" if match.group(3) else "")
            values[key] = float(match.group(4))
    return values


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--binary", default=".build/release/edgesched")
    arguments = parser.parse_args()

    reports, plans, metrics = free_port(), free_port(), f"127.0.0.1:{free_port()}"
    folder = tempfile.mkdtemp(prefix="edgesched-ingest-")
    config = os.path.join(folder, "coordinator.yaml")
    with open(config, "w") as file:
        file.write(f"""id: coordinator-bench
reports: "tcp://127.0.0.1:{reports}"
plans: "tcp://127.0.0.1:{plans}"
interval: 1s
metrics: {{address: "{metrics}"}}
models: [{{name: bench-model, variants: [{{name: full, service: 4ms, memory_mb: 64}}]}}]
""")
    log = open(os.path.join(folder, "coordinator.log"), "w")
    coordinator = subprocess.Popen([arguments.binary, "coordinator", "--config", config], stderr=log)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                scrape(metrics)
                break
            except OSError:
                if time.monotonic() > deadline or coordinator.poll() is not None:
                    raise SystemExit(f"run.py: the coordinator did not start; see {log.name}")
                time.sleep(0.1)

        templates = [report_template(f"bench-{index:05d}", "bench-model") for index in range(arguments.nodes)]
        context = zmq.Context()
        dealer = context.socket(zmq.DEALER)
        dealer.setsockopt(zmq.SNDHWM, 100_000)
        dealer.setsockopt(zmq.LINGER, 0)
        dealer.connect(f"tcp://127.0.0.1:{reports}")
        time.sleep(0.3)

        per_step = arguments.nodes / 1000.0  # reports per 1 ms step
        sent, would_block, round_number = 0, 0, 0
        start = time.monotonic()
        measured_from, before, sender_cpu = None, None, None
        node = 0
        credit = 0.0
        step = 0
        total = arguments.seconds + 1
        while True:
            now = time.monotonic()
            if now - start >= total:
                break
            if measured_from is None and now - start >= 1:
                measured_from, before = now, scrape(metrics)
                coordinator_cpu, sender_cpu, sent_at_start = cpu_seconds(coordinator.pid), time.process_time(), sent
            target_step = int((now - start) * 1000)
            while step <= target_step:
                credit += per_step
                while credit >= 1:
                    credit -= 1
                    payload, offset = templates[node]
                    payload[offset:offset + 9] = varint(SEQUENCE_BASE + round_number + 1)
                    try:
                        dealer.send_multipart([header(len(payload)), bytes(payload)], flags=zmq.NOBLOCK)
                        sent += 1
                    except zmq.Again:
                        would_block += 1
                    node += 1
                    if node == arguments.nodes:
                        node, round_number = 0, round_number + 1
                step += 1
            time.sleep(max(0.0, start + (step / 1000.0) - time.monotonic()))
        window = time.monotonic() - measured_from
        coordinator_cpu = cpu_seconds(coordinator.pid) - coordinator_cpu
        sender_cpu = time.process_time() - sender_cpu
        time.sleep(1.5)
        after = scrape(metrics)
        accepted = after.get("edgesched_coordinator_reports_total/accepted", 0) - \
            before.get("edgesched_coordinator_reports_total/accepted", 0)
        dropped = {key.split("/")[1]: after[key] - before.get(key, 0) for key in after
                   if key.startswith("edgesched_coordinator_reports_total/") and not key.endswith("/accepted")
                   and after[key] - before.get(key, 0) > 0}
        sent_in_window = sent - sent_at_start
        print(f"cluster ingest: {arguments.nodes} nodes, one report each per second, "
              f"{window:.1f} s measured after a 1 s warm-up; coordinator {arguments.binary}")
        print(f"  sent       {sent_in_window / window:10.0f} reports/s ({would_block} would have blocked)")
        print(f"  accepted   {accepted / window:10.0f} reports/s (counted by the coordinator; "
              f"the last 1.5 s of queue drained before reading)")
        print(f"  dropped    {dropped or 'none'}")
        print(f"  nodes      {after.get('edgesched_coordinator_nodes', 0):10.0f} (its gauge)")
        print(f"  plan       {after.get('edgesched_coordinator_plan_milliseconds', 0):10.1f} ms (its last round)")
        print(f"  CPU        {100 * coordinator_cpu / window:10.1f} % of one core for the coordinator, "
              f"{100 * sender_cpu / window:.1f} % for this sender")
        dealer.close()
        context.term()
    finally:
        coordinator.terminate()
        coordinator.wait(timeout=10)


if __name__ == "__main__":
    main()
