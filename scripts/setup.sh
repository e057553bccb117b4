#!/usr/bin/env bash
# Installs what edgesched needs on Debian/Ubuntu, only what is missing; safe
# to run again. Swift itself is expected on PATH (or at /opt/swift/usr/bin).
set -euo pipefail

# Libraries the package links (libnuma, libzmq; libhwloc for the topology
# reader benchmark) and the tools the tests and benchmarks compare with
# (numactl, lscpu, lstopo, taskset, hyperfine).
packages=(libnuma-dev libzmq3-dev libhwloc-dev numactl hwloc-nox util-linux hyperfine python3-pip)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ONNX Runtime (its Python wheel ships libonnxruntime.so, which the agent
# loads at run time) and onnx, for the shipped models, their generator and
# the reference runs the tests compare with; Triton's HTTP client, which the
# integration tests drive the agent with; pyzmq for the ZeroMQ protocol's clients.
if ! python3 -c "import onnxruntime, onnx, numpy, tritonclient.http, requests, yaml, zmq" >/dev/null 2>&1; then
    echo "setup: installing onnxruntime, onnx, numpy, tritonclient[http], requests, PyYAML and pyzmq from PyPI" >&2
    wheels=(onnxruntime==1.23.2 onnx==1.19.1 numpy "tritonclient[http]" requests PyYAML pyzmq)
    # Debian's own python3 refuses pip installs (PEP 668) unless told; a
    # pyenv or virtualenv python3 first on PATH takes them as they are.
    python3 -m pip install --quiet --disable-pip-version-check "${wheels[@]}" 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${wheels[@]}"
fi

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    echo "setup: add /opt/swift/usr/bin to PATH" >&2
fi
