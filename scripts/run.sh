#!/usr/bin/env bash
# Sets up, builds edgesched (release, static Swift runtime) and starts the
# agent on its embedded default: this machine, models/, HTTP on
# 127.0.0.1:8000. Arguments go to `edgesched agent` (e.g. --config FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/setup.sh
swift build -c release --product edgesched -Xswiftc -static-stdlib >&2
exec .build/release/edgesched agent "$@"
