#!/usr/bin/env bash
# Fails when git tracks a build artefact: a fresh clone must build from
# sources alone, and artefacts only bloat every clone.
set -euo pipefail
cd "$(dirname "$0")/.."
artefacts=$(git ls-files | grep -E '(^|/)\.build(-[^/]*)?/|(^|/)Package\.resolved$|\.(bc|o|a|so|profraw|profdata)$' || true)
if [ -n "$artefacts" ]; then
    echo "check-tracked: build artefacts are tracked by git; remove them (git rm --cached) and keep .gitignore ignoring them:" >&2
    echo "$artefacts" | sed 's/^/  /' >&2
    exit 1
fi
