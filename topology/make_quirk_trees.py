#!/usr/bin/env python3
"""Writes the hand-made sysfs/procfs trees under topology/, one per quirk that
real machines show and the topology reader must handle. Each tree is built
from a small description of a machine, so what it models is readable here;
its expected.json comes from hwloc (expected_from_lstopo.py), not from us.

Usage: python3 topology/make_quirk_trees.py   (rewrites the trees in place)
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))


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


def cpumask(cpus, width_bits=64):
    value = sum(1 << c for c in cpus)
    groups = [(value >> (32 * g)) & 0xFFFFFFFF for g in range(width_bits // 32)]
    return ",".join(f"{g:08x}" for g in reversed(groups))


class Tree:
    def __init__(self, name):
        self.root = os.path.join(HERE, name)
        shutil.rmtree(self.root, ignore_errors=True)

    def write(self, relative, content):
        path = os.path.join(self.root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)


def machine(name, *, cpus, offline=(), package_of, core_of, threads_of_core, core_id_of,
            package_id_of, caches, nodes, distances=None, possible=None, lists=True,
            online_file=True, node_dir=True, meminfo_kb=None, status=None, pci=(),
            die_and_cluster=False, no_cache_cpus=()):
    """cpus: every CPU number with a folder; offline: those not running.
    caches: list of (level, type, size_kb, cpus) instances.
    nodes: list of (number, cpus, memory_kb)."""
    tree = Tree(name)
    online = [c for c in cpus if c not in offline]
    cpu_dir = "sys/devices/system/cpu"
    possible = possible if possible is not None else cpus
    tree.write(f"{cpu_dir}/possible", cpulist(possible) + "\n")
    tree.write(f"{cpu_dir}/present", cpulist(cpus) + "\n")
    if online_file:
        tree.write(f"{cpu_dir}/online", cpulist(online) + "\n")
        tree.write(f"{cpu_dir}/offline", cpulist(set(possible) - set(online)) + "\n")
    for cpu in cpus:
        base = f"{cpu_dir}/cpu{cpu}"
        if cpu != 0 or cpu in offline:
            tree.write(f"{base}/online", "0\n" if cpu in offline else "1\n")
        if cpu in offline:
            continue  # the kernel removes topology/ and cache/ of an offline CPU
        package = package_of(cpu)
        package_cpus = [c for c in online if package_of(c) == package]
        core_cpus = threads_of_core(core_of(cpu))
        top = f"{base}/topology"
        tree.write(f"{top}/physical_package_id", f"{package_id_of(package)}\n")
        tree.write(f"{top}/core_id", f"{core_id_of(core_of(cpu))}\n")
        tree.write(f"{top}/thread_siblings", cpumask(core_cpus) + "\n")
        tree.write(f"{top}/core_siblings", cpumask(package_cpus) + "\n")
        if lists:
            tree.write(f"{top}/thread_siblings_list", cpulist(core_cpus) + "\n")
            tree.write(f"{top}/core_siblings_list", cpulist(package_cpus) + "\n")
            tree.write(f"{top}/core_cpus_list", cpulist(core_cpus) + "\n")
            tree.write(f"{top}/package_cpus_list", cpulist(package_cpus) + "\n")
        if die_and_cluster:
            tree.write(f"{top}/die_id", "0\n")
            tree.write(f"{top}/cluster_id", f"{core_of(cpu)}\n")
        if cpu in no_cache_cpus:
            continue
        index = 0
        for level, kind, size_kb, shared in caches:
            if cpu not in shared:
                continue
            cdir = f"{base}/cache/index{index}"
            tree.write(f"{cdir}/level", f"{level}\n")
            tree.write(f"{cdir}/type", f"{kind}\n")
            tree.write(f"{cdir}/size", f"{size_kb}K\n")
            tree.write(f"{cdir}/shared_cpu_map", cpumask(shared) + "\n")
            if lists:
                tree.write(f"{cdir}/shared_cpu_list", cpulist(shared) + "\n")
            index += 1
    if node_dir:
        node_base = "sys/devices/system/node"
        tree.write(f"{node_base}/online", cpulist([n for n, _, _ in nodes]) + "\n")
        tree.write(f"{node_base}/possible", cpulist([n for n, _, _ in nodes]) + "\n")
        for i, (number, node_cpus, memory_kb) in enumerate(nodes):
            ndir = f"{node_base}/node{number}"
            if lists:
                tree.write(f"{ndir}/cpulist", cpulist(node_cpus) + "\n")
            tree.write(f"{ndir}/cpumap", cpumask(node_cpus) + "\n")
            tree.write(f"{ndir}/meminfo", f"Node {number} MemTotal:       {memory_kb} kB\n"
                                         f"Node {number} MemFree:        {memory_kb // 2} kB\n")
            if distances:
                tree.write(f"{ndir}/distance", " ".join(str(d) for d in distances[i]) + "\n")
    tree.write("proc/meminfo", f"MemTotal:       {meminfo_kb or sum(m for _, _, m in nodes)} kB\n"
                               "MemFree:         1024 kB\n")
    if status:
        tree.write("proc/self/status", "Name:\tedgesched\n" + status)
    for address, klass, vendor, device, node in pci:
        pdir = f"sys/bus/pci/devices/{address}"
        tree.write(f"{pdir}/class", f"0x{klass:06x}\n")
        tree.write(f"{pdir}/vendor", f"0x{vendor:04x}\n")
        tree.write(f"{pdir}/device", f"0x{device:04x}\n")
        tree.write(f"{pdir}/numa_node", f"{node}\n")
    tree.write("README.md", README[name])


README = {}

# Two sockets, each split in two NUMA nodes (Intel SNC, AMD NPS2); CPU numbers
# interleaved across sockets (cpu0 on socket 0, cpu1 on socket 1, …) with the
# second hardware threads numbered after all first threads; core_id values
# reused on both sockets and not contiguous (0, 2, 8, 10).
README["16x86-2pa2n2c2t-interleaved"] = """# 16x86-2pa2n2c2t-interleaved
Hand-made (topology/make_quirk_trees.py). 2 packages × 2 NUMA nodes (SNC) ×
2 cores × 2 threads. CPU numbers interleave across packages; thread siblings
are n and n+8; core ids 0, 2, 8, 10 repeat on both packages; L3 per node.
"""
def interleaved():
    cores = range(8)
    package_of_core = lambda c: c % 2
    node_of_core = lambda c: package_of_core(c) * 2 + (c // 2) % 2
    threads = lambda c: [c, c + 8]
    caches = []
    for c in cores:
        caches += [(1, "Data", 48, threads(c)), (1, "Instruction", 32, threads(c)), (2, "Unified", 2048, threads(c))]
    for n in range(4):
        caches.append((3, "Unified", 30720, sorted(t for c in cores if node_of_core(c) == n for t in threads(c))))
    caches.sort(key=lambda x: (x[0], x[1]))
    nodes = [(n, sorted(t for c in cores if node_of_core(c) == n for t in threads(c)), 16 * 1024 * 1024) for n in range(4)]
    machine("16x86-2pa2n2c2t-interleaved", cpus=list(range(16)),
            package_of=lambda cpu: (cpu % 8) % 2, core_of=lambda cpu: cpu % 8, threads_of_core=threads,
            core_id_of=lambda c: [0, 2, 8, 10][c // 2], package_id_of=lambda p: p,
            caches=caches, nodes=nodes, die_and_cluster=True,
            distances=[[10, 11, 21, 21], [11, 10, 21, 21], [21, 21, 10, 11], [21, 21, 11, 10]])


# Offline CPUs: cpu3 and cpu9 (both threads of core 3) and cpu5 (one thread of
# core 5) are offline; the kernel removed their topology/ and cache/ folders.
README["12x86-1pa6c2t-offlines"] = """# 12x86-1pa6c2t-offlines
Hand-made (topology/make_quirk_trees.py). 1 package, 6 cores × 2 threads
(siblings n and n+6). CPUs 3, 9 (all of core 3) and 5 are offline and have no
topology/ or cache/ folder; possible lists 16 CPUs.
"""
def offlines():
    threads = lambda c: [t for t in (c, c + 6) if t not in (3, 9, 5)]
    caches = []
    for c in range(6):
        if threads(c):
            caches += [(1, "Data", 32, threads(c)), (1, "Instruction", 32, threads(c)), (2, "Unified", 512, threads(c))]
    caches.append((3, "Unified", 16384, [c for c in range(12) if c not in (3, 9, 5)]))
    caches.sort(key=lambda x: (x[0], x[1]))
    machine("12x86-1pa6c2t-offlines", cpus=list(range(12)), offline=(3, 5, 9), possible=list(range(16)),
            package_of=lambda cpu: 0, core_of=lambda cpu: cpu % 6, threads_of_core=threads,
            core_id_of=lambda c: c, package_id_of=lambda p: p, caches=caches,
            nodes=[(0, [c for c in range(12) if c not in (3, 9, 5)], 8 * 1024 * 1024)])


# An old kernel on a machine that gives no package id (physical_package_id is
# -1, as on some POWER and ARM boards): masks only, no *_list files, no online
# file, no cache folders at all.
README["8ppc-2pa2c2t-nopkgid-nocaches"] = """# 8ppc-2pa2c2t-nopkgid-nocaches
Hand-made (topology/make_quirk_trees.py). 2 packages × 2 cores × 2 threads,
physical_package_id -1 everywhere, an old kernel's files only (hex masks, no
*_list files, no cpu/online), and no cache folders. 2 NUMA nodes, one per package.
"""
def no_package_id():
    machine("8ppc-2pa2c2t-nopkgid-nocaches", cpus=list(range(8)), lists=False, online_file=False,
            package_of=lambda cpu: cpu // 4, core_of=lambda cpu: cpu // 2,
            threads_of_core=lambda c: [2 * c, 2 * c + 1], core_id_of=lambda c: c,
            package_id_of=lambda p: -1, caches=[],
            nodes=[(0, [0, 1, 2, 3], 4 * 1024 * 1024), (1, [4, 5, 6, 7], 4 * 1024 * 1024)],
            distances=[[10, 40], [40, 10]])


# A kernel built without NUMA: no sys/devices/system/node at all; memory is in
# /proc/meminfo. Two of the four CPUs have no cache folder.
README["4arm-1pa4c-nonode-somecaches"] = """# 4arm-1pa4c-nonode-somecaches
Hand-made (topology/make_quirk_trees.py). 1 package, 4 cores, a kernel
without NUMA (no sys/devices/system/node: one node holds every CPU and the
memory of /proc/meminfo). CPUs 2 and 3 have no cache folder.
"""
def no_node():
    caches = [(1, "Data", 32, [c]) for c in range(2)] + [(1, "Instruction", 32, [c]) for c in range(2)] + [(2, "Unified", 1024, [0, 1, 2, 3])]
    caches.sort(key=lambda x: (x[0], x[1]))
    machine("4arm-1pa4c-nonode-somecaches", cpus=list(range(4)), package_of=lambda cpu: 0,
            core_of=lambda cpu: cpu, threads_of_core=lambda c: [c], core_id_of=lambda c: c,
            package_id_of=lambda p: 0, caches=caches, nodes=[], node_dir=False,
            meminfo_kb=2 * 1024 * 1024, no_cache_cpus=(2, 3))


# Memory-only NUMA nodes (on-package HBM as node 1, a CXL expander as node 2),
# devices with their NUMA locality, and a process restricted by taskset/cgroup.
README["8x86-1pa4c2t-hbm-cxl-devices"] = """# 8x86-1pa4c2t-hbm-cxl-devices
Hand-made (topology/make_quirk_trees.py). 1 package, 4 cores × 2 threads on
node 0; node 1 (HBM) and node 2 (CXL) have memory but no CPUs. PCI: a GPU and
an NPU on node 0, a NIC on node 1's socket with numa_node -1, a bridge (not
listed). proc/self/status allows CPUs 0-3 and nodes 0-1 only.
"""
def memory_tiers():
    threads = lambda c: [c, c + 4]
    caches = []
    for c in range(4):
        caches += [(1, "Data", 48, threads(c)), (1, "Instruction", 32, threads(c)), (2, "Unified", 1280, threads(c))]
    caches.append((3, "Unified", 24576, list(range(8))))
    caches.sort(key=lambda x: (x[0], x[1]))
    machine("8x86-1pa4c2t-hbm-cxl-devices", cpus=list(range(8)), package_of=lambda cpu: 0,
            core_of=lambda cpu: cpu % 4, threads_of_core=threads, core_id_of=lambda c: c,
            package_id_of=lambda p: 0, caches=caches,
            nodes=[(0, list(range(8)), 32 * 1024 * 1024), (1, [], 16 * 1024 * 1024), (2, [], 64 * 1024 * 1024)],
            distances=[[10, 13, 25], [13, 10, 28], [25, 28, 10]],
            status="Cpus_allowed:\t0f\nCpus_allowed_list:\t0-3\nMems_allowed_list:\t0-1\n",
            pci=[("0000:00:01.0", 0x060400, 0x8086, 0x1234, -1),
                 ("0000:17:00.0", 0x020000, 0x8086, 0x1593, -1),
                 ("0000:3b:00.0", 0x030200, 0x10de, 0x20b5, 0),
                 ("0000:5e:00.0", 0x120000, 0x1e52, 0x0100, 0)])


if __name__ == "__main__":
    interleaved()
    offlines()
    no_package_id()
    no_node()
    memory_tiers()
