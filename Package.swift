// swift-tools-version:6.1
import PackageDescription

/// Settings every Swift target shares (STYLE.md: one place, Swift 6 strictness).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "edgesched",
    products: [
        .executable(name: "edgesched", targets: ["edgesched"]),
        .library(name: "Topology", targets: ["Topology"]),
        .library(name: "Placement", targets: ["Placement"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Messaging", targets: ["Messaging"]),
        .library(name: "Cluster", targets: ["Cluster"]),
        .library(name: "OpenInferenceGRPC", targets: ["OpenInferenceGRPC"]),
        .library(name: "Agent", targets: ["Agent"]),
        .library(name: "LoadGenerator", targets: ["LoadGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNUMA",
            providers: [.apt(["libnuma-dev"])]
        ),
        .systemLibrary(
            name: "CZeroMQ",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(
            name: "CLinux",
            cSettings: [.define("_GNU_SOURCE")]
        ),
        .target(
            name: "Topology",
            dependencies: ["CLinux"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Placement",
            dependencies: [
                "Topology",
                "CLinux",
                "CNUMA",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Scheduling",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings,
            // The standard library's `rounded(_:)` and `squareRoot()` lower to
            // libm's `ceil` and `sqrt`, which nothing else links for a consumer
            // of this product alone.
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "CONNXRuntime",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(
            name: "Inference",
            dependencies: [
                "Topology",
                "CONNXRuntime",
                "CLinux",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Messaging",
            dependencies: ["CZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Simulation",
            dependencies: [
                "Scheduling",
                "Topology",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Cluster",
            dependencies: [
                "Messaging",
                "Scheduling",
                "Topology",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            // The schema the committed `Wire/cluster.pb.swift` is generated
            // from (scripts/generate-protos.sh).
            exclude: ["Wire/cluster.proto"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpenInferenceGRPC",
            dependencies: [
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ],
            // The schema the committed Swift is generated from (scripts/generate-protos.sh).
            exclude: ["grpc_service.proto"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Agent",
            dependencies: [
                "Cluster",
                "Topology",
                "Messaging",
                "Placement",
                "Scheduling",
                "Inference",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                "OpenInferenceGRPC",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoadGenerator",
            dependencies: [
                "Topology",
                "Inference",
                "Messaging",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                "OpenInferenceGRPC",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "edgesched",
            dependencies: [
                "Agent",
                "Cluster",
                "LoadGenerator",
                .product(name: "Logging", package: "swift-log"),
                "Topology",
                "Placement",
                "Scheduling",
                "Simulation",
                "Inference",
                "Messaging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "HandoffBenchmark",
            dependencies: ["Placement", "Topology", "Inference"],
            path: "Benchmarks/HandoffBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "GRPCBenchmark",
            dependencies: [
                "OpenInferenceGRPC",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Benchmarks/GRPCBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ZeroMQBenchmark",
            dependencies: ["Messaging", .product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "Benchmarks/ZeroMQBenchmark",
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CHwloc",
            path: "Benchmarks/CHwloc",
            providers: [.apt(["libhwloc-dev"])]
        ),
        .executableTarget(
            name: "TopologyReadBenchmark",
            dependencies: ["Topology", "CHwloc"],
            path: "Benchmarks/TopologyReadBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SchedulingBenchmarks",
            dependencies: [
                "Scheduling",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Benchmarks/SchedulingBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "InferenceBenchmarks",
            dependencies: [
                "Inference",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/InferenceBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(
            name: "TestFixtures",
            dependencies: ["Topology", "Scheduling"],
            path: "Tests/TestFixtures",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpenInferenceGRPCTests",
            dependencies: [
                "OpenInferenceGRPC", "TestFixtures",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLinuxTests",
            dependencies: ["CLinux", "CNUMA", "CZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TopologyTests",
            dependencies: ["Topology", "CLinux", "CNUMA", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlacementTests",
            dependencies: ["Placement", "Topology", "CLinux", "CNUMA", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: ["Scheduling", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "Scheduling", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InferenceTests",
            dependencies: ["Inference", "Placement", "Topology", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MessagingTests",
            dependencies: ["Messaging", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ClusterTests",
            dependencies: ["Cluster", "Messaging", "Scheduling", "TestFixtures", "Topology"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgentTests",
            dependencies: [
                "Agent", "Messaging", "Placement", "Scheduling", "Topology", "TestFixtures",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InferenceTestServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/InferenceTestServer",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoadGeneratorTests",
            dependencies: ["LoadGenerator", "Inference", "Messaging", "InferenceTestServer", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EdgeschedTests",
            dependencies: ["edgesched", "InferenceTestServer", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
