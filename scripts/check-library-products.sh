#!/usr/bin/env bash
# Builds and links each library product of the package alone, the way a
# consumer that depends on only that product would: a library that resolves a
# symbol only because another module of ours brings its library in links here
# and fails there. One consumer package holds one executable per product, so
# each links against its product's modules only, and one resolution and one
# build serve them all; the consumer lives in a scratch folder that is reused
# between runs (EDGESCHED_PRODUCT_CHECK_DIR, default .build/library-products).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
root=$(pwd)
scratch=${EDGESCHED_PRODUCT_CHECK_DIR:-$root/.build/library-products}

# product|module to import|one expression using a public symbol of it
products=(
    "Topology|Topology|CPUSet([0, 1]).count"
    "Placement|Placement|PlacementPolicy.DomainGranularity.allCases.count"
    "Scheduling|Scheduling|LatencyHistogram().percentile(0.5).nanoseconds"
    "Inference|Inference|InferenceError.Kind.self"
    "Messaging|Messaging|ZeroMQ.version.description"
    "Cluster|Cluster|(try? ClusterWire().decodeReport([])) == nil"
    "OpenInferenceGRPC|OpenInferenceGRPC|Inference_ServerLiveResponse().live"
    "Agent|Agent|AgentVersion.current"
    "LoadGenerator|LoadGenerator|LoadError.Kind.self"
)

mkdir -p "$scratch/Sources"
targets=""
for entry in "${products[@]}"; do
    IFS='|' read -r product module expression <<<"$entry"
    mkdir -p "$scratch/Sources/use-$product"
    cat >"$scratch/Sources/use-$product/main.swift" <<EOF
import $module

print($expression)
EOF
    targets+="        .executableTarget(name: \"use-$product\", dependencies: [.product(name: \"$product\", package: \"edgesched\")]),
"
done
cat >"$scratch/Package.swift" <<EOF
// swift-tools-version:6.1
// Written by scripts/check-library-products.sh: one executable per library product of edgesched.
import PackageDescription

let package = Package(
    name: "library-products",
    dependencies: [.package(name: "edgesched", path: "$root")],
    targets: [
$targets    ]
)
EOF
if [ -f "$root/Package.resolved" ] && [ ! -f "$scratch/Package.resolved" ]; then
    cp "$root/Package.resolved" "$scratch/Package.resolved"
fi

failed=()
for entry in "${products[@]}"; do
    product=${entry%%|*}
    if ! swift build --package-path "$scratch" --product "use-$product" >"$scratch/build-$product.log" 2>&1; then
        failed+=("$product")
        echo "check-library-products: a package using only the $product product does not build or link:" >&2
        grep -E "error|undefined reference" "$scratch/build-$product.log" | sort -u | head -20 | sed 's/^/  /' >&2
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "check-library-products: failed: ${failed[*]} (full logs: $scratch/build-<product>.log)" >&2
    exit 1
fi
names=()
for entry in "${products[@]}"; do names+=("${entry%%|*}"); done
echo "check-library-products: ${names[*]} each build and link alone"
