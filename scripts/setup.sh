#!/usr/bin/env bash
# Installs what edgesched needs on Debian/Ubuntu, only what is missing; safe
# to run again. Swift itself is expected on PATH (or at /opt/swift/usr/bin).
set -euo pipefail
cd "$(dirname "$0")/.."

# Libraries the package links (libnuma, libzmq; libhwloc for the topology
# reader benchmark) and the tools the tests and benchmarks compare with
# (numactl, lscpu, lstopo, taskset, hyperfine); protoc, with which a test
# checks the gRPC schema against Triton's.
packages=(libnuma-dev libzmq3-dev libhwloc-dev numactl hwloc-nox util-linux hyperfine python3-pip protobuf-compiler)

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
# the reference runs the tests compare with; Triton's HTTP and gRPC clients,
# which the integration tests drive the agent with; pyzmq for the ZeroMQ protocol's clients;
# protobuf for the cluster protocol's Python example (docs/cluster-protocol/).
if ! python3 -c "import onnxruntime, onnx, numpy, tritonclient.http, tritonclient.grpc, requests, yaml, zmq, google.protobuf" >/dev/null 2>&1; then
    echo "setup: installing onnxruntime, onnx, numpy, tritonclient[http,grpc], requests, PyYAML, pyzmq and protobuf from PyPI" >&2
    wheels=(onnxruntime==1.23.2 onnx==1.19.1 numpy "tritonclient[http,grpc]" requests PyYAML pyzmq protobuf)
    # Debian's own python3 refuses pip installs (PEP 668) unless told; a
    # pyenv or virtualenv python3 first on PATH takes them as they are.
    python3 -m pip install --quiet --disable-pip-version-check "${wheels[@]}" 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${wheels[@]}"
fi

# The vision model's files (over 5 MB each, not committed) are generated from
# seeds when one is missing or differs from models/vision.sha256 (the bytes
# this generator gives on the machine that measured the manifest). A second
# generation must give the same bytes: if the first differs from the
# committed hashes (another CPU's arithmetic), it is generated again and the
# two runs compared; setup fails only when a generation is not byte-identical
# run to run.
generate_vision() {
    local log
    log=$(mktemp)
    if ! python3 models/generate.py --vision-files "$1" 2>"$log"; then
        cat "$log" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
}
if ! (cd models && sha256sum --quiet --check --status vision.sha256 2>/dev/null); then
    echo "setup: generating the vision model's files (models/generate.py --vision-files models, a few minutes)" >&2
    generate_vision models
    if ! (cd models && sha256sum --quiet --check --status vision.sha256); then
        echo "setup: models/vision.*.onnx differ from models/vision.sha256 (this CPU's arithmetic); generating again to check they are the same run to run" >&2
        again=$(mktemp -d)
        generate_vision "$again"
        for file in vision.fp32.onnx vision.int8.onnx vision.small-int8.onnx; do
            if ! cmp -s "models/$file" "$again/$file"; then
                echo "setup: $file is not byte-identical between two generations" >&2
                rm -rf "$again"
                exit 1
            fi
        done
        rm -rf "$again"
        echo "setup: the two generations are byte-identical; the manifest's times and accuracies were measured on another machine" >&2
    fi
fi

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    echo "setup: add /opt/swift/usr/bin to PATH" >&2
fi
