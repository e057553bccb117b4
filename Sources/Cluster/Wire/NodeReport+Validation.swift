import Scheduling

extension NodeReport {
    /// Throws `invalidField` unless every field is within the limits
    /// docs/cluster-protocol.md gives: the sequence from 1, a public key of 0
    /// or 32 bytes, an interval of 1 ms to an hour, a named ingress, at least
    /// one domain with unique indices, unique model names, rates finite and at
    /// least 0, utilisation 0 to 1, and no list past `maximumEntries`.
    func validate(against limits: WireLimits) throws(ClusterError) {
        let rules = FieldRules(limits: limits, subject: "node report from \"\(node)\"")
        guard sequence >= 1 else { throw rules.fail("sequence", "is 0; sequences start at 1") }
        try rules.publicKey(publicKey, at: "public_key")
        try rules.publicKey(ingressPublicKey, at: "ingress_public_key")
        guard (1...WireLimits.maximumIntervalMilliseconds).contains(intervalMilliseconds) else {
            throw rules.fail(
                "interval_ms", "is \(intervalMilliseconds); it must be 1 to \(WireLimits.maximumIntervalMilliseconds)")
        }
        try rules.name(ingressEndpoint, at: "ingress_endpoint")
        try demand.validate(rules)
        try capacity.validate(rules)
    }
}

extension DemandVector {
    fileprivate func validate(_ rules: FieldRules) throws(ClusterError) {
        try rules.count(models.count, at: "demand.models")
        try rules.unique(models.map(\.model), at: "demand.models")
        for (index, model) in models.enumerated() {
            try model.validate(rules, at: "demand.models[\(index)]")
        }
    }
}

extension ModelDemand {
    fileprivate func validate(_ rules: FieldRules, at path: String) throws(ClusterError) {
        try rules.name(model, at: "\(path).model")
        try rules.count(classes.count, at: "\(path).classes")
        try rules.unique(classes.map(\.className), at: "\(path).classes")
        for (index, demand) in classes.enumerated() {
            let at = "\(path).classes[\(index)]"
            try rules.name(demand.className, at: "\(at).class_name")
            try rules.nonNegative(demand.arrivalsPerSecond, at: "\(at).arrivals_per_second")
            try rules.nonNegative(demand.onTimePerSecond, at: "\(at).on_time_per_second")
            try rules.nonNegative(demand.refusedPerSecond, at: "\(at).refused_per_second")
            try rules.nonNegative(demand.shedPerSecond, at: "\(at).shed_per_second")
        }
        try rules.whole(queueDepth, at: "\(path).queue_depth", maximum: Int.max)
        try rules.count(variants.count, at: "\(path).variants")
        try rules.unique(variants.map(\.variant), at: "\(path).variants")
        for (index, estimate) in variants.enumerated() {
            try rules.name(estimate.variant, at: "\(path).variants[\(index)].variant")
            try rules.nonNegative(estimate.serviceMilliseconds, at: "\(path).variants[\(index)].service_ms")
        }
        try rules.name(variantInUse, at: "\(path).variant_in_use", allowEmpty: true)
    }
}

extension CapacityVector {
    fileprivate func validate(_ rules: FieldRules) throws(ClusterError) {
        guard !domains.isEmpty else { throw rules.fail("capacity.domains", "is empty; a node has at least one domain") }
        try rules.count(domains.count, at: "capacity.domains")
        try rules.unique(domains.map(\.domain.index), at: "capacity.domains")
        for (index, domain) in domains.enumerated() {
            try domain.validate(rules, at: "capacity.domains[\(index)]")
        }
    }
}

extension DomainCapacity {
    fileprivate func validate(_ rules: FieldRules, at path: String) throws(ClusterError) {
        try rules.whole(domain.index, at: "\(path).domain", maximum: Int(UInt32.max))
        try rules.whole(workers, at: "\(path).workers", maximum: Int(UInt32.max))
        try rules.fraction(utilisation, at: "\(path).utilisation")
        if let temperatureCelsius, !temperatureCelsius.isFinite {
            throw rules.fail("\(path).temperature_celsius", "is \(temperatureCelsius); it must be finite")
        }
        try rules.count(loadedVariants.count, at: "\(path).loaded_variants")
        for (index, loaded) in loadedVariants.enumerated() {
            try rules.name(loaded.model, at: "\(path).loaded_variants[\(index)].model")
            try rules.name(loaded.variant, at: "\(path).loaded_variants[\(index)].variant")
        }
        try rules.count(spare.count, at: "\(path).spare")
        try rules.unique(spare.map(\.model), at: "\(path).spare")
        for (index, entry) in spare.enumerated() {
            try rules.name(entry.model, at: "\(path).spare[\(index)].model")
            try rules.nonNegative(entry.requestsPerSecond, at: "\(path).spare[\(index)].requests_per_second")
        }
    }
}
