#!/usr/bin/env python3
"""Writes expected.json for a captured or hand-made tree under topology/ from
what hwloc's lstopo reads from it, in the format of
../shared/topology-fixtures/*/expected.json (see that folder's README), so
that the project's own trees are checked against hwloc, not against us.

Usage: python3 topology/expected_from_lstopo.py topology/NAME [...]
       python3 topology/expected_from_lstopo.py --live topology/NAME
(--live: NAME is a capture of this machine; hwloc reads the machine itself.)
Needs lstopo-no-graphics 2.9 (Debian: hwloc-nox).
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def mask_to_set(mask):
    if not mask:
        return set()
    value = int(mask.replace("0x", "").replace(",", ""), 16)
    return {bit for bit in range(value.bit_length()) if value >> bit & 1}


def cpulist(cpus):
    cpus = sorted(cpus)
    runs, start = [], None
    for i, cpu in enumerate(cpus):
        if start is None:
            start = cpu
        if i + 1 == len(cpus) or cpus[i + 1] != cpu + 1:
            runs.append(f"{start}" if start == cpu else f"{start}-{cpu}")
            start = None
    return ",".join(runs)


def parse_list(text):
    cpus = set()
    for item in text.strip().strip("\0").split(","):
        if not item:
            continue
        a, _, b = item.partition("-")
        cpus.update(range(int(a), int(b or a) + 1))
    return cpus


def own_cpus(tree, node, online):
    base = os.path.join(tree, f"sys/devices/system/node/node{node}")
    if os.path.exists(base + "/cpulist"):
        return parse_list(open(base + "/cpulist").read()) & online
    if os.path.exists(base + "/cpumap"):
        return mask_to_set(open(base + "/cpumap").read().strip()) & online
    return set()


def expected(tree, live=False):
    env = dict(os.environ, HWLOC_COMPONENTS="linux,stop", HWLOC_FSROOT="/" if live else os.path.abspath(tree))
    xml = subprocess.run(["lstopo-no-graphics", "--whole-system", "--no-io", "--of", "xml"],
                         env=env, check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(xml)
    machine = root.find("object")
    online = mask_to_set(machine.get("cpuset"))
    objects = list(root.iter("object"))
    by_type = lambda t: [o for o in objects if o.get("type") == t]
    nodes = by_type("NUMANode")
    gp_to_os = {o.get("gp_index"): int(o.get("os_index")) for o in nodes}
    distances = None
    for d in root.iter("distances2"):
        if d.get("type") == "NUMANode":
            indexes = d.find("indexes").text.split()
            order = [int(i) for i in indexes] if d.get("indexing") == "os" else [gp_to_os[i] for i in indexes]
            values = [int(v) for v in " ".join(x.text for x in d.findall("u64values")).split()]
            n = len(order)
            distances = {"nodes": order, "matrix": [values[i * n:(i + 1) * n] for i in range(n)]}
    return {
        "source": "hwloc lstopo-no-graphics --whole-system --no-io (HWLOC_COMPONENTS=linux,stop), via topology/expected_from_lstopo.py",
        "packages": [{"os_index": int(p.get("os_index", -1)), "cpus": cpulist(mask_to_set(p.get("cpuset")) & online)}
                     for p in by_type("Package")],
        "numa_nodes": [{"os_index": int(n.get("os_index")),
                        "own_cpus": cpulist(own_cpus(tree, int(n.get("os_index")), online)),
                        "local_cpus_by_hwloc": cpulist(mask_to_set(n.get("cpuset")) & online),
                        "memory_bytes": int(n.get("local_memory", 0))}
                       for n in sorted(nodes, key=lambda n: int(n.get("os_index")))],
        "cores": len(by_type("Core")),
        "core_cpus": sorted(cpulist(mask_to_set(c.get("cpuset")) & online) for c in by_type("Core")),
        "pus": {"count": len(by_type("PU")), "online": cpulist(online),
                "allowed_by_hwloc": cpulist(mask_to_set(machine.get("allowed_cpuset")) & online)},
        "l3_groups": sorted(cpulist(mask_to_set(c.get("cpuset")) & online) for c in by_type("L3Cache")),
        "distances": distances,
    }


if __name__ == "__main__":
    live = "--live" in sys.argv
    for tree in [a for a in sys.argv[1:] if a != "--live"]:
        with open(os.path.join(tree, "expected.json"), "w") as f:
            json.dump(expected(tree, live), f, indent=1)
            f.write("\n")
        print(f"wrote {tree}/expected.json")
