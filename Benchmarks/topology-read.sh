#!/usr/bin/env bash
# Times `edgesched topology --format json` against hwloc's lstopo on the same
# sysfs tree, both as whole processes in one hyperfine run, and prints the
# medians and their ratio (goal: 0.3). `edgesched --help` runs in the same
# hyperfine run: it starts the executable (loader, runtime, argument parser)
# and reads nothing, so it shows what start-up costs of the whole command.
#
# Usage: Benchmarks/topology-read.sh [TREE]
#   TREE defaults to the largest tree (by file count) in ../shared/topology-fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/setup.sh

tree="${1:-}"
if [ -z "$tree" ]; then
    tree=$(for d in ../shared/topology-fixtures/*/; do echo "$(find "$d" -type f | wc -l) $d"; done | sort -n | tail -1 | cut -d' ' -f2)
fi
tree=$(cd "$tree" && pwd)

swift build -c release --product edgesched -Xswiftc -static-stdlib >&2
results=$(mktemp)
hyperfine --shell=none --warmup 10 --runs "${RUNS:-200}" --export-json "$results" \
    --command-name edgesched ".build/release/edgesched topology --root $tree --format json" \
    --command-name start-up ".build/release/edgesched --help" \
    --command-name lstopo "env HWLOC_COMPONENTS=linux,stop HWLOC_FSROOT=$tree lstopo-no-graphics --whole-system --of xml" >&2

python3 - "$results" "$tree" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ours, theirs = runs["edgesched"]["median"] * 1000, runs["lstopo"]["median"] * 1000
start = runs["start-up"]["median"] * 1000
print(f"tree: {sys.argv[2]}")
print(f"edgesched topology --format json   median {ours:7.2f} ms")
print(f"edgesched --help (start-up only)   median {start:7.2f} ms  ({start / ours:.0%} of the command)")
print(f"lstopo-no-graphics --of xml        median {theirs:7.2f} ms")
print(f"ratio edgesched/lstopo             {ours / theirs:7.3f}  (goal: at most 0.300)")
PY
rm -f "$results"
