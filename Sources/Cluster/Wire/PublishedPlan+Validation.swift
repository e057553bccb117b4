import Scheduling

extension PublishedPlan {
    /// Throws `invalidField` unless the plan keeps the limits
    /// docs/cluster-protocol.md gives: an epoch from 1, nodes and their
    /// domains unique, names of 1 to `maximumNameBytes` bytes, routes unique
    /// per (node, model) with distinct peers other than the node, shares
    /// from 0 to 1 summing to at most 1, a named ingress and a finite estimate for every peer, one
    /// default per model, and no list past `maximumEntries`.
    func validate(against limits: WireLimits) throws(ClusterError) {
        let rules = FieldRules(limits: limits, subject: "plan \(epoch) from \"\(coordinator)\"")
        guard epoch >= 1 else { throw rules.fail("epoch", "is 0; epochs start at 1") }
        try rules.count(nodes.count, at: "placements")
        try rules.unique(nodes.map(\.node), at: "placements")
        for (index, node) in nodes.enumerated() {
            let path = "placements[\(index)]"
            try rules.name(node.ingressEndpoint, at: "\(path).ingress_endpoint", allowEmpty: true)
            try rules.publicKey(node.ingressPublicKey, at: "\(path).ingress_public_key")
            try rules.count(node.domains.count, at: "\(path).domains")
            try rules.unique(node.domains.map(\.domain.index), at: "\(path).domains")
            for (position, domain) in node.domains.enumerated() {
                try rules.whole(domain.domain.index, at: "\(path).domains[\(position)].domain", maximum: 65_535)
                try rules.count(domain.variants.count, at: "\(path).domains[\(position)].variants")
                for (entry, variant) in domain.variants.enumerated() {
                    let at = "\(path).domains[\(position)].variants[\(entry)]"
                    try rules.name(variant.model, at: "\(at).model")
                    try rules.name(variant.variant, at: "\(at).variant")
                }
            }
        }
        try validateRoutes(rules)
        try rules.count(defaultVariants.count, at: "default_variants")
        try rules.unique(defaultVariants.map(\.model), at: "default_variants")
        for (index, entry) in defaultVariants.enumerated() {
            try rules.name(entry.model, at: "default_variants[\(index)].model")
            try rules.name(entry.variant, at: "default_variants[\(index)].variant")
        }
    }

    private func validateRoutes(_ rules: FieldRules) throws(ClusterError) {
        try rules.count(routes.count, at: "routes")
        try rules.unique(routes.map { "\($0.node)/\($0.model)" }, at: "routes")
        for (index, route) in routes.enumerated() {
            let path = "routes[\(index)]"
            try rules.name(route.model, at: "\(path).model")
            try rules.count(route.peers.count, at: "\(path).shares")
            try rules.unique(route.peers.map(\.node), at: "\(path).shares")
            var total = 0.0
            for (position, peer) in route.peers.enumerated() {
                let at = "\(path).shares[\(position)]"
                guard peer.node != route.node else { throw rules.fail("\(at).peer", "is the route's own node") }
                try rules.fraction(peer.share, at: "\(at).share")
                try rules.name(peer.ingressEndpoint, at: "\(at).peer_ingress_endpoint")
                try rules.publicKey(peer.ingressPublicKey, at: "\(at).peer_ingress_public_key")
                try rules.nonNegative(peer.serviceMilliseconds, at: "\(at).peer_service_ms")
                total += peer.share
            }
            // Shares are rounded doubles: a sum past 1 by rounding alone is one.
            guard total <= 1 + 1e-9 else { throw rules.fail("\(path).shares", "sum to \(total), more than 1") }
        }
    }
}
