#!/usr/bin/env bash
# Sets up, checks formatting, builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/setup.sh
scripts/check-tracked.sh
swift format lint --strict --recursive Package.swift Sources Tests Benchmarks
swift build --build-tests
scripts/check-library-products.sh
# The cluster's routing test measures on-time shares of a five-process site;
# it runs after the rest, alone, so that no other suite's processes share
# this machine's cores with it.
swift test --skip-build --skip ClusterRoutingTests
swift test --skip-build --filter ClusterRoutingTests
