import Cluster
import Scheduling

extension NodeReport {
    /// The report docs/cluster-protocol.md dumps in bytes.
    static func workedExample() throws -> NodeReport {
        NodeReport(
            node: try NodeID("edge-1"), sequence: 7, publicKey: [], intervalMilliseconds: 1000,
            ingressEndpoint: "tcp://10.0.0.7:5555",
            demand: DemandVector(models: [
                ModelDemand(
                    model: "mlp",
                    classes: [
                        ClassDemand(
                            className: "critical", arrivalsPerSecond: 12.5, onTimePerSecond: 12, refusedPerSecond: 0.5,
                            shedPerSecond: 0)
                    ],
                    queueDepth: 3, variants: [VariantEstimate(variant: "fp32", serviceMilliseconds: 2)],
                    variantInUse: "fp32")
            ]),
            capacity: CapacityVector(domains: [
                DomainCapacity(
                    domain: 0, workers: 2, utilisation: 0.25, freeMemoryBytes: 1 << 30, temperatureCelsius: nil,
                    loadedVariants: [ModelVariant(model: "mlp", variant: "fp32")],
                    spare: [ModelSpare(model: "mlp", requestsPerSecond: 40)])
            ]))
    }

    /// A report with every field set away from its default, several entries
    /// per list and values at their limits.
    static func full() throws -> NodeReport {
        let classes = [
            ClassDemand(
                className: "critical", arrivalsPerSecond: 120.25, onTimePerSecond: 118, refusedPerSecond: 1.5,
                shedPerSecond: 0.75),
            ClassDemand(
                className: "batch", arrivalsPerSecond: 0, onTimePerSecond: 0, refusedPerSecond: 0, shedPerSecond: 0),
        ]
        return NodeReport(
            node: try NodeID("site.a_node-7"), sequence: UInt64.max, publicKey: Array(0..<32),
            intervalMilliseconds: WireLimits.maximumIntervalMilliseconds, ingressEndpoint: "tcp://[::1]:27301",
            demand: DemandVector(models: [
                ModelDemand(
                    model: "mlp", classes: classes, queueDepth: Int.max,
                    variants: [
                        VariantEstimate(variant: "fp32", serviceMilliseconds: 2.125),
                        VariantEstimate(variant: "int8", serviceMilliseconds: 0.5),
                    ],
                    variantInUse: "int8"),
                ModelDemand(model: "vision", classes: [], queueDepth: 0, variants: [], variantInUse: ""),
            ]),
            capacity: CapacityVector(domains: [
                DomainCapacity(
                    domain: 1, workers: 6, utilisation: 1, freeMemoryBytes: UInt64.max, temperatureCelsius: -12.5,
                    loadedVariants: [
                        ModelVariant(model: "mlp", variant: "fp32"), ModelVariant(model: "mlp", variant: "int8"),
                    ],
                    spare: [ModelSpare(model: "mlp", requestsPerSecond: 0)]),
                DomainCapacity(
                    domain: 0, workers: 0, utilisation: 0, freeMemoryBytes: 0, temperatureCelsius: 0,
                    loadedVariants: [], spare: []),
                DomainCapacity(
                    domain: 2, workers: 1, utilisation: 0.5, freeMemoryBytes: nil, temperatureCelsius: nil,
                    loadedVariants: [], spare: []),
            ]))
    }
}
