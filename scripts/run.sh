#!/usr/bin/env bash
# Sets up, builds edgesched (release, static Swift runtime) and shows this
# machine's topology. Arguments go to `edgesched topology`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/setup.sh
swift build -c release --product edgesched -Xswiftc -static-stdlib >&2
exec .build/release/edgesched topology "$@"
