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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CONNXRuntime",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(
            name: "Inference",
            dependencies: [
                "CONNXRuntime",
                "CLinux",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Simulation",
            dependencies: [
                "Scheduling",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "edgesched",
            dependencies: [
                "Topology",
                "Placement",
                "Scheduling",
                "Simulation",
                "Inference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "HandoffBenchmark",
            dependencies: ["Placement", "Topology"],
            path: "Benchmarks/HandoffBenchmark",
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
        .target(
            name: "TestFixtures",
            path: "Tests/TestFixtures",
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
            dependencies: ["Simulation", "Scheduling"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InferenceTests",
            dependencies: ["Inference", "Placement", "Topology", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EdgeschedTests",
            dependencies: ["edgesched", "TestFixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
