#!/usr/bin/env python3
"""gRPC side by side (issue 16): the agent's gRPC ingress and Triton 2.51's
gRPC port (../shared/peers/triton, 8011), both serving the peers' mlp.onnx,
and the agent's own HTTP beside them: requests/s, p50 and p99 at 8
concurrent streams, rounds alternating, medians and ratios.

    python3 Benchmarks/grpc/run.py [--rounds 3] [--seconds 8] [--streams 8]

gRPC load: Benchmarks/GRPCBenchmark (release build), a closed loop of
`--streams` ModelInfer calls on one HTTP/2 connection, binary tensors in
raw_input_contents, as tritonclient sends them. HTTP load: wrk -t2 -c8 with
the binary tensor body (Benchmarks/peers). The agent runs as in
Benchmarks/peers/run.sh (reserve none, one intra-op thread); Triton is
started from the shared peer (mlp model only) unless it already answers.
Every round must have no failed call and no non-2xx answer, or the run stops.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(ROOT, "..", "shared", "peers")
RELEASE = os.path.join(ROOT, ".build", "release")


def ready(url):
    try:
        return urllib.request.urlopen(url, timeout=1).status == 200
    except OSError:
        return False


def wait_ready(url, what):
    for _ in range(150):
        if ready(url):
            return
        time.sleep(0.2)
    sys.exit(f"run.py: {what} is not ready at {url}")


def milliseconds(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def grpc_round(port, streams, seconds):
    out = subprocess.run([f"{RELEASE}/GRPCBenchmark", f"127.0.0.1:{port}", "mlp", "x", "1,64", str(streams),
                          str(seconds)], check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    if result["failed"]:
        sys.exit(f"run.py: {result['failed']} failed calls on port {port}: {result}")
    return {"req/s": result["requests_per_s"], "p50": result["p50_ms"], "p99": result["p99_ms"]}


def http_round(url, body, header_length, connections, seconds):
    env = dict(os.environ, BODY=body, HEADER_LENGTH=str(header_length))
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s",
                          os.path.join(ROOT, "Benchmarks/peers/post-binary.lua"), url],
                         check=True, capture_output=True, text=True, env=env).stdout
    if re.search(r"Non-2xx|Socket errors", out):
        sys.exit(f"run.py: errors from {url}:\n{out}")
    return {"req/s": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
            "p50": milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1]),
            "p99": milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--streams", type=int, default=8)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("run.py: wrk is missing (Debian: apt-get install wrk)")
    for product in ["edgesched", "GRPCBenchmark"]:
        subprocess.run(["swift", "build", "-c", "release", "--product", product, "-Xswiftc", "-static-stdlib"],
                       check=True, cwd=ROOT, stdout=sys.stderr)
    work = tempfile.mkdtemp()
    started = []
    try:
        models = os.path.join(work, "models")
        os.mkdir(models)
        shutil.copy(os.path.join(ROOT, "Benchmarks/peers/mlp.yaml"), models)
        shutil.copy(os.path.join(PEERS, "mlserver/mlp/mlp.onnx"), models)
        config = os.path.join(work, "agent.yaml")
        with open(config, "w") as file:
            file.write(f'models: {{folder: {models}}}\ningress: {{http: "127.0.0.1:8020", grpc: "127.0.0.1:8021", '
                       'zeromq: null}\nmetrics: null\nplacement: {reserve: none}\n')
        started.append(subprocess.Popen([f"{RELEASE}/edgesched", "agent", "--config", config, "--log-level",
                                         "warning"], cwd=ROOT))
        if not ready("http://127.0.0.1:8010/v2/health/ready"):
            repo = os.path.join(work, "triton-repo")
            shutil.copytree(os.path.join(PEERS, "triton/repo/mlp"), os.path.join(repo, "mlp"))
            subprocess.run([os.path.join(PEERS, "triton/start.sh")], check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, TRITON_REPO=repo))
            started.append(int(open("/tmp/triton-peer.pid").read()))
        wait_ready("http://127.0.0.1:8020/v2/health/ready", "the agent")
        wait_ready("http://127.0.0.1:8010/v2/health/ready", "Triton")
        body = os.path.join(work, "binary-body.bin")
        header_length = int(subprocess.run(["/tmp/triton-venv/bin/python", "Benchmarks/peers/binary_body.py", body],
                                           check=True, capture_output=True, text=True, cwd=ROOT).stdout)
        targets = {
            "triton-grpc": lambda: grpc_round(8011, arguments.streams, arguments.seconds),
            "edgesched-grpc": lambda: grpc_round(8021, arguments.streams, arguments.seconds),
            "edgesched-http": lambda: http_round("http://127.0.0.1:8020/v2/models/mlp/infer", body, header_length,
                                                 arguments.streams, arguments.seconds),
        }
        for warm_up in [lambda: grpc_round(8011, 2, 2), lambda: grpc_round(8021, 2, 2)]:
            warm_up()
        results = {name: [] for name in targets}
        print(f"{'target':16}{'round':>6}{'req/s':>11}{'p50 ms':>9}{'p99 ms':>9}", flush=True)
        for round_number in range(1, arguments.rounds + 1):
            for name, measure in targets.items():
                result = measure()
                results[name].append(result)
                print(f"{name:16}{round_number:>6}{result['req/s']:>11.1f}{result['p50']:>9.3f}{result['p99']:>9.3f}",
                      flush=True)
        print(f"\nmedians of {arguments.rounds} rounds, {arguments.streams} streams/connections, {arguments.seconds} s each")
        medians = {name: {key: statistics.median(r[key] for r in rows) for key in ["req/s", "p50", "p99"]}
                   for name, rows in results.items()}
        for name, median in medians.items():
            print(f"{name:16}{median['req/s']:>17.1f}{median['p50']:>9.3f}{median['p99']:>9.3f}")
        ours, theirs = medians["edgesched-grpc"], medians["triton-grpc"]
        print(f"edgesched-grpc / triton-grpc: req/s {ours['req/s'] / theirs['req/s']:.2f}x (goal >= 2), "
              f"p99 {ours['p99'] / theirs['p99']:.2f}x (goal <= 0.7)")
        http = medians["edgesched-http"]
        print(f"edgesched-grpc / edgesched-http: req/s {ours['req/s'] / http['req/s']:.2f}x, "
              f"p99 {ours['p99'] / http['p99']:.2f}x")
    finally:
        for process in started:
            if isinstance(process, int):
                subprocess.run([os.path.join(PEERS, "triton/stop.sh")], stdout=subprocess.DEVNULL)
            else:
                process.terminate()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
