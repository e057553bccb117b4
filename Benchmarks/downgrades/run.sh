#!/usr/bin/env bash
# Downgrades that pay off (issue 14, "Must show"): the real agent (release
# build, one pinned worker on CPU 1, `reserve: "0"` keeping CPU 0 for the
# ingress and the load generator) serving only the `vision` model (int8
# ~0.28x fp32's service time and `small-int8` ~0.09x at intra-op 1, agreeing
# with fp32 on 99.6 % and 96.9 % of held-out images; docs/models.md), driven over
# ZeroMQ by `edgesched load` at twice its measured fp32 capacity with the
# agent's default classes (10 % critical 50 ms, 60 % standard 200 ms, 30 %
# batch 2 s), three ways, rounds alternating, a fresh agent per run, the same
# seed for every run of a round: downgrades allowed to any rung (`any`, the
# headline), downgrades allowed down to int8 only (`to-int8`,
# --lowest-variant int8, for comparison), and every request asking for the
# preferred variant only (`none`, --no-downgrades). Prints the medians per
# class: admitted on-time fraction, effective accuracy (docs/load.md) and its
# ratio against `none`, refusals by reason; and checks that the offered rate
# was reached (rate x the fp32 service time measured in the runs without
# downgrades, within 0.9-1.15x the factor: other work on this 2-core machine
# slows the worker too) and the generator kept its schedule.
# Goal: >= 99 % of admitted on time with downgrades, effective accuracy >= 1.5x.
#
#   Benchmarks/downgrades/run.sh        ROUNDS=3 DURATION=10s FACTOR=2
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PATH="/opt/swift/usr/bin:$PATH"
for file in models/vision.yaml models/vision.fp32.onnx models/vision.int8.onnx models/vision.small-int8.onnx; do
    [ -f "$file" ] || { echo "run.sh: $file is missing (scripts/setup.sh generates the vision files)" >&2; exit 1; }
done
swift build -c release --product edgesched >&2
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/models"
cp models/vision.yaml "$work/models/"
for variant in fp32 int8 small-int8; do ln -s "$root/models/vision.$variant.onnx" "$work/models/"; done
cat >"$work/agent.yaml" <<YAML
models: {folder: $work/models}
placement: {reserve: "0"}
ingress: {http: 127.0.0.1:0, zeromq: "tcp://127.0.0.1:*"}
metrics: {address: 127.0.0.1:0}
YAML

ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-10s} FACTOR=${FACTOR:-2} \
    python3 - "$bin/edgesched" "$work/agent.yaml" "$work/models" <<'PY'
import json, os, re, resource, signal, statistics, subprocess, sys, time, urllib.request

import yaml

binary, config, models = sys.argv[1:4]
rounds, duration, factor = int(os.environ["ROUNDS"]), os.environ["DURATION"], float(os.environ["FACTOR"])
CLASSES = ["critical:0.1:50ms", "standard:0.6:200ms", "batch:0.3:2s"]
NAMES = ["critical", "standard", "batch", "total"]


def start_agent():
    process = subprocess.Popen([binary, "agent", "--config", config], stderr=subprocess.PIPE, text=True)
    found = {}
    patterns = {"zeromq": r"serving protocol v1 on (\S+)", "metrics": r"serving /metrics on (\S+)",
                "workers": r"(\d+) workers?\b", "serving": r"lifecycle: serving"}
    log = []
    while "serving" not in found or "zeromq" not in found or "metrics" not in found:
        line = process.stderr.readline()
        if not line:
            sys.exit(f"run.sh: the agent exited ({process.wait()}):\n" + "".join(log))
        log.append(line)
        for key, pattern in patterns.items():
            if key not in found and (match := re.search(pattern, line)):
                found[key] = match.group(1) if match.groups() else True
    return process, found, log


def stop_agent(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return process.returncode


def scrape(address):
    return urllib.request.urlopen(f"http://{address}/metrics").read().decode()


def series(text, name):
    """{labels: value} of every sample of `name`."""
    values = {}
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            key, value = line.rsplit(" ", 1)
            values[key[len(name):]] = float(value)
    return values


def variant_service(before, after):
    """Mean service time per variant, ms, between two scrapes."""
    result = {}
    for variant in ("fp32", "int8", "small-int8"):
        def pick(text, suffix):
            return sum(v for k, v in series(text, "edgesched_service_seconds" + suffix).items()
                       if f'variant="{variant}"' in k)
        count = pick(after, "_count") - pick(before, "_count")
        if count > 0:
            result[variant] = 1000 * (pick(after, "_sum") - pick(before, "_sum")) / count
    return result


def load(endpoint, rate, run_duration, classes, seed, extra):
    command = [binary, "load", "--endpoint", endpoint, "--models", models, "--model", "vision", "--rate", str(rate),
               "--duration", run_duration, "--connections", "4", "--seed", str(seed), "--format", "json"]
    command += [part for spec in classes for part in ("--class", spec)] + extra
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report["generator_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report["generator_wall_s"] = time.monotonic() - started
    return report


def measured(extra, rate, run_duration, classes, seed, warm=True):
    process, found, _ = start_agent()
    endpoint = found["zeromq"]
    if warm:
        load(endpoint, 10, "1s", ["standard:1:2s"], 99, [])
    before = scrape(found["metrics"])
    report = load(endpoint, rate, run_duration, classes, seed, extra)
    after = scrape(found["metrics"])
    report["service_ms"] = variant_service(before, after)
    downgrades = {k: v for k, v in series(after, "edgesched_downgrades_total").items() if v}
    report["downgrades"] = {re.search(r'reason="([^"]+)"', k).group(1): int(v) for k, v in downgrades.items()}
    report["workers"] = found.get("workers", "?")
    report["exit_code"] = stop_agent(process)
    return report


# fp32 capacity: every request asks for fp32 at 1.5x the manifest's estimate with a 1 s timeout; the agent
# keeps about a second of work queued, so answers over (window + drain) is the rate the worker sustains. Three
# probes, the highest kept: other work on the machine only slows a probe, and the higher capacity makes
# the offered rate the larger, so "2x" is not flattered. Each round then checks the load it really offered.
with open(os.path.join(models, "vision.yaml")) as manifest:
    estimate = 1000 / yaml.safe_load(manifest)["variants"][0]["service_ms"]
capacities = []
for probe_seed in (1, 2, 3):
    probe = measured(["--no-downgrades"], round(1.5 * estimate, 1), "5s", ["standard:1:1s"], probe_seed)
    total = probe["total"]
    capacity = total["answered"] / (probe["duration_s"] + probe["drain_s"])
    fp32_ms = probe["service_ms"].get("fp32")
    capacities.append(capacity)
    print(f"probe {probe_seed}: {probe['workers']} worker(s); fp32 capacity {capacity:.1f}/s at {probe['rate_per_s']}/s "
          f"offered ({total['answered']} answered in {probe['duration_s'] + probe['drain_s']:.2f} s); fp32 service "
          f"{fp32_ms:.2f} ms mean (1000/{fp32_ms:.2f} ms = {1000 / fp32_ms:.1f}/s); refused {total['refused']}",
          flush=True)
capacity = max(capacities)
rate = round(factor * capacity, 1)
print(f"offered rate: {factor:g} x {capacity:.1f} = {rate}/s for {duration}, classes {' '.join(CLASSES)}, "
      f"ZeroMQ, 4 DEALER sockets, {rounds} rounds alternating", flush=True)

MODES = {"any": [], "to-int8": ["--lowest-variant", "int8"], "none": ["--no-downgrades"]}
modes = {mode: [] for mode in MODES}
load_factors = []
for round_number in range(1, rounds + 1):
    for mode, extra in MODES.items():
        report = measured(extra, rate, duration, CLASSES, round_number)
        modes[mode].append(report)
        rows = {c["name"]: c for c in report["classes"]} | {"total": report["total"]}
        print(f"round {round_number} {mode:7}: " + ", ".join(
            f"{n} on time {100 * rows[n]['on_time'] / max(1, rows[n]['admitted']):.2f}% of admitted, "
            f"eff. acc. {rows[n]['effective_accuracy']:.3f}" for n in NAMES)
            + f"; sent {report['sent_per_s']:.1f}/s, lag p99 {report['generator_lag_us']['p99'] / 1000:.2f} ms, "
            f"generator CPU {report['generator_cpu_s']:.2f} s of {report['generator_wall_s']:.2f} s; "
            f"service ms {json.dumps({k: round(v, 2) for k, v in report['service_ms'].items()})}; "
            f"downgrades {report['downgrades']}; by variant {rows['total']['on_time_by_variant']}", flush=True)
    fp32_ms = modes["none"][-1]["service_ms"].get("fp32", float("nan"))
    load_factors.append(rate * fp32_ms / 1000)
    print(f"round {round_number} offered load: {rate}/s x {fp32_ms:.2f} ms (fp32 in the run without downgrades) = "
          f"{rate * fp32_ms / 1000:.2f}x the fp32 capacity of the moment", flush=True)


def median(mode, name, value):
    rows = [({c["name"]: c for c in r["classes"]} | {"total": r["total"]})[name] for r in modes[mode]]
    return statistics.median(value(row) for row in rows)


def on_time(row):
    return 100 * row["on_time"] / row["admitted"] if row["admitted"] else float("nan")


def refusals(mode, name):
    reasons = sorted({k for r in modes[mode] for c in r["classes"] + [r["total"]] if c["name"] == name
                      for k in c["refused"]})
    counts = {k: median(mode, name, lambda row: row["refused"].get(k, 0)) for k in reasons}
    return ", ".join(f"{k} {v:.0f}" for k, v in counts.items() if v) or "-"


print(f"\n== medians of {rounds} rounds at {rate}/s ({factor:g}x fp32 capacity {capacity:.1f}/s), {duration} each")
print(f"{'class':<9} {'mode':<8} {'offered':>7} {'admitted':>8} {'on time % adm.':>14} {'eff. acc.':>9}  refused")
for name in NAMES:
    for mode in modes:
        print(f"{name:<9} {mode:<8} {median(mode, name, lambda r: r['offered']):>7.0f} "
              f"{median(mode, name, lambda r: r['admitted']):>8.0f} {median(mode, name, on_time):>14.2f} "
              f"{median(mode, name, lambda r: r['effective_accuracy']):>9.4f}  {refusals(mode, name)}")
print()
verdicts = []
for mode in ("any", "to-int8"):
    for name in NAMES:
        with_downgrades = median(mode, name, lambda r: r["effective_accuracy"])
        without = median("none", name, lambda r: r["effective_accuracy"])
        ratio = with_downgrades / without if without else float("inf")
        print(f"effective accuracy {name:<9} {mode} / none: {with_downgrades:.4f} / {without:.4f} = {ratio:.2f}x")
    admitted_on_time = median(mode, "total", on_time)
    ratio = median(mode, "total", lambda r: r["effective_accuracy"]) / max(
        1e-9, median("none", "total", lambda r: r["effective_accuracy"]))
    verdicts.append(f"{mode}: {admitted_on_time:.2f}% of admitted on time (>= 99%: "
                    f"{'met' if admitted_on_time >= 99 else 'NOT met'}), effective accuracy {ratio:.2f}x none "
                    f"(>= 1.5x: {'met' if ratio >= 1.5 else 'NOT met'})")
print("goal: " + "; ".join(verdicts))
reports = [report for runs in modes.values() for report in runs]
# Arrivals are Poisson: the count sent in a window is the rate x window give or take its square root.
worst_sent = min(r["total"]["offered"] / (r["rate_per_s"] * r["duration_s"]) for r in reports)
poisson_floor = 1 - 3 / (rate * reports[0]["duration_s"]) ** 0.5
worst_lag = max(r["generator_lag_us"]["p99"] for r in reports) / 1000
errors = sum(r["total"]["errors_total"] for r in reports)
exits = sorted({r["exit_code"] for r in reports})
print(f"check: sent at least {100 * worst_sent:.1f}% of the rate x window in every run (Poisson 3 sigma: "
      f"{100 * poisson_floor:.1f}%), generator lag p99 at most "
      f"{worst_lag:.2f} ms, generator CPU at most {max(r['generator_cpu_s'] / r['generator_wall_s'] for r in reports):.0%}"
      f" of its wall time, {errors} errors, agent exit codes {exits}")
load_factor = statistics.median(load_factors)
# Other work on the machine slows the worker too: a round far above the factor measured contention, not policy.
band = (0.9 * factor, 1.15 * factor)
print(f"check: offered load {load_factor:.2f}x the fp32 capacity in the median round, "
      f"{sum(band[0] <= f <= band[1] for f in load_factors)} of {rounds} rounds within {band[0]:.2f}-{band[1]:.2f}x "
      f"(rate x fp32 service time of the runs without downgrades; {factor:g}x asked)")
trusted = (worst_sent >= poisson_floor and worst_lag < 5 and errors == 0
           and band[0] <= load_factor <= band[1])
print("state: the runs measured what they claim" if trusted else
      "state: the offered load missed the factor, the generator fell behind or requests failed: the figures above are "
      "not to be trusted")
sys.exit(0 if trusted else 1)
PY
