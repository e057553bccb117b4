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
swift test --skip-build
