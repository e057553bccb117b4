#!/usr/bin/env bash
# Regenerates the code committed from the project's .proto files:
#   Sources/Cluster/Wire/cluster.pb.swift   (internal to the Cluster module)
#   docs/cluster-protocol/cluster_pb2.py    (for the Python example and its test)
#   Sources/OpenInferenceGRPC/grpc_service.pb.swift and
#   grpc_service.grpc.swift                 (the protocol's gRPC messages, server
#                                            and client: the module's public API)
# Run it after editing the .proto and commit the result. CI and scripts/test.sh
# do not run it: the build uses the committed files.
#
# Needs protoc (Debian: apt-get install -y protobuf-compiler; 3.21 made the
# committed files) and protoc-gen-swift of the swift-protobuf version
# Package.swift names (1.39.0), found on PATH or given as PROTOC_GEN_SWIFT,
# built outside this repository:
#   git clone https://github.com/apple/swift-protobuf ~/swift-protobuf
#   git -C ~/swift-protobuf checkout 1.39.0
#   (cd ~/swift-protobuf && swift build -c release --product protoc-gen-swift)
# and protoc-gen-grpc-swift-2 of grpc-swift-protobuf 2.4.1, on PATH or given as
# PROTOC_GEN_GRPC_SWIFT, built the same way:
#   git clone https://github.com/grpc/grpc-swift-protobuf ~/grpc-swift-protobuf
#   git -C ~/grpc-swift-protobuf checkout 2.4.1
#   (cd ~/grpc-swift-protobuf && swift build -c release --product protoc-gen-grpc-swift-2)
#   PROTOC_GEN_SWIFT=~/swift-protobuf/.build/release/protoc-gen-swift \
#   PROTOC_GEN_GRPC_SWIFT=~/grpc-swift-protobuf/.build/release/protoc-gen-grpc-swift-2 \
#       scripts/generate-protos.sh
set -euo pipefail
cd "$(dirname "$0")/.."

plugin=${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}
if [ -z "$plugin" ] || [ ! -x "$plugin" ]; then
    echo "generate-protos: protoc-gen-swift not found; put it on PATH or set PROTOC_GEN_SWIFT (see this script's top)" >&2
    exit 1
fi
grpc_plugin=${PROTOC_GEN_GRPC_SWIFT:-$(command -v protoc-gen-grpc-swift-2 || true)}
if [ -z "$grpc_plugin" ] || [ ! -x "$grpc_plugin" ]; then
    echo "generate-protos: protoc-gen-grpc-swift-2 not found; put it on PATH or set PROTOC_GEN_GRPC_SWIFT (see this script's top)" >&2
    exit 1
fi
if ! command -v protoc >/dev/null 2>&1; then
    echo "generate-protos: protoc not found; apt-get install -y protobuf-compiler" >&2
    exit 1
fi

wire=Sources/Cluster/Wire
protoc --proto_path="$wire" \
    --plugin=protoc-gen-swift="$plugin" \
    --swift_opt=Visibility=Internal \
    --swift_out="$wire" \
    --python_out=docs/cluster-protocol \
    "$wire/cluster.proto"
echo "generate-protos: wrote $wire/cluster.pb.swift and docs/cluster-protocol/cluster_pb2.py" >&2

grpc=Sources/OpenInferenceGRPC
protoc --proto_path="$grpc" \
    --plugin=protoc-gen-swift="$plugin" \
    --plugin=protoc-gen-grpc-swift="$grpc_plugin" \
    --swift_opt=Visibility=Public,UseAccessLevelOnImports=true \
    --swift_out="$grpc" \
    --grpc-swift_opt=Visibility=Public,Server=true,Client=true,UseAccessLevelOnImports=true \
    --grpc-swift_out="$grpc" \
    "$grpc/grpc_service.proto"
echo "generate-protos: wrote $grpc/grpc_service.pb.swift and $grpc/grpc_service.grpc.swift" >&2
