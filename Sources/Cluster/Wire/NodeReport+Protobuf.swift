import Foundation
import Scheduling

/// The mapping between `NodeReport` and its generated protobuf message. Both
/// directions are field for field; `ClusterWire` validates the Swift value
/// before encoding it and after decoding it.
extension NodeReport {
    /// The report as its protobuf message. Call on a validated report: the
    /// counts it narrows to the schema's unsigned fields are within range.
    var protobuf: Edgesched_Cluster_V1_NodeReport {
        var message = Edgesched_Cluster_V1_NodeReport()
        message.node = node.name
        message.sequence = sequence
        message.publicKey = Data(publicKey)
        message.intervalMs = intervalMilliseconds
        message.ingressEndpoint = ingressEndpoint
        message.ingressPublicKey = Data(ingressPublicKey)
        message.demand.models = demand.models.map(\.protobuf)
        message.capacity.domains = capacity.domains.map(\.protobuf)
        return message
    }

    /// The report `message` carries; throws `invalidField` for a node id or
    /// a count Swift cannot hold. Limits are `validate(against:)`'s.
    init(protobuf message: Edgesched_Cluster_V1_NodeReport) throws(ClusterError) {
        let node = try NodeID(wireName: message.node, at: "node report: node")
        var models: [ModelDemand] = []
        models.reserveCapacity(message.demand.models.count)
        for (index, model) in message.demand.models.enumerated() {
            let queueDepth = try Int(
                wireCount: model.queueDepth, at: "node report from \"\(node)\": demand.models[\(index)].queue_depth")
            models.append(ModelDemand(protobuf: model, queueDepth: queueDepth))
        }
        self.init(
            node: node, sequence: message.sequence, publicKey: Array(message.publicKey),
            intervalMilliseconds: message.intervalMs, ingressEndpoint: message.ingressEndpoint,
            demand: DemandVector(models: models),
            capacity: CapacityVector(domains: message.capacity.domains.map(DomainCapacity.init(protobuf:))),
            ingressPublicKey: Array(message.ingressPublicKey))
    }
}

extension ModelDemand {
    fileprivate var protobuf: Edgesched_Cluster_V1_ModelDemand {
        var message = Edgesched_Cluster_V1_ModelDemand()
        message.model = model
        message.classes = classes.map { demand in
            var rates = Edgesched_Cluster_V1_ClassDemand()
            rates.className = demand.className
            rates.arrivalsPerSecond = demand.arrivalsPerSecond
            rates.onTimePerSecond = demand.onTimePerSecond
            rates.refusedPerSecond = demand.refusedPerSecond
            rates.shedPerSecond = demand.shedPerSecond
            return rates
        }
        message.queueDepth = UInt64(clamping: queueDepth)
        message.variants = variants.map { estimate in
            var variant = Edgesched_Cluster_V1_VariantEstimate()
            variant.variant = estimate.variant
            variant.serviceMs = estimate.serviceMilliseconds
            return variant
        }
        message.variantInUse = variantInUse
        return message
    }

    fileprivate init(protobuf message: Edgesched_Cluster_V1_ModelDemand, queueDepth: Int) {
        self.init(
            model: message.model,
            classes: message.classes.map { rates in
                ClassDemand(
                    className: rates.className, arrivalsPerSecond: rates.arrivalsPerSecond,
                    onTimePerSecond: rates.onTimePerSecond, refusedPerSecond: rates.refusedPerSecond,
                    shedPerSecond: rates.shedPerSecond)
            },
            queueDepth: queueDepth,
            variants: message.variants.map { VariantEstimate(variant: $0.variant, serviceMilliseconds: $0.serviceMs) },
            variantInUse: message.variantInUse)
    }
}

extension DomainCapacity {
    fileprivate var protobuf: Edgesched_Cluster_V1_DomainCapacity {
        var message = Edgesched_Cluster_V1_DomainCapacity()
        message.domain = UInt32(clamping: domain.index)
        message.workers = UInt32(clamping: workers)
        message.utilisation = utilisation
        if let freeMemoryBytes {
            message.freeMemoryBytes = freeMemoryBytes
        }
        if let temperatureCelsius {
            message.temperatureCelsius = temperatureCelsius
        }
        message.loadedVariants = loadedVariants.map(\.protobuf)
        message.spare = spare.map { entry in
            var spare = Edgesched_Cluster_V1_ModelSpare()
            spare.model = entry.model
            spare.requestsPerSecond = entry.requestsPerSecond
            return spare
        }
        return message
    }

    fileprivate init(protobuf message: Edgesched_Cluster_V1_DomainCapacity) {
        self.init(
            domain: DomainID(Int(message.domain)), workers: Int(message.workers), utilisation: message.utilisation,
            freeMemoryBytes: message.hasFreeMemoryBytes ? message.freeMemoryBytes : nil,
            temperatureCelsius: message.hasTemperatureCelsius ? message.temperatureCelsius : nil,
            loadedVariants: message.loadedVariants.map(ModelVariant.init(protobuf:)),
            spare: message.spare.map { ModelSpare(model: $0.model, requestsPerSecond: $0.requestsPerSecond) })
    }
}
