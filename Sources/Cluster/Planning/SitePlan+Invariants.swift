/// The plan's invariants, for tests to check after each round.
extension SitePlan {
    /// Traps, naming the broken rule, when the plan breaks an invariant of
    /// ``SitePlan``.
    public func checkInvariants() {
        for (previous, next) in zip(nodes, nodes.dropFirst()) {
            precondition(previous.node < next.node, "nodes out of order: \(previous.node) before \(next.node)")
        }
        for node in nodes {
            for (previous, next) in zip(node.domains, node.domains.dropFirst()) {
                precondition(previous.domain < next.domain, "\(node.node): domains out of order")
            }
            for domain in node.domains {
                precondition(!domain.placements.isEmpty, "\(node.node) domain \(domain.domain): empty")
                for (previous, next) in zip(domain.placements, domain.placements.dropFirst()) {
                    precondition(
                        previous.model < next.model, "\(node.node) domain \(domain.domain): placements out of order")
                }
                for placement in domain.placements {
                    precondition(!placement.variants.isEmpty, "\(node.node) \(placement.model): no variants")
                    precondition(placement.rounds >= 0, "\(node.node) \(placement.model): rounds \(placement.rounds)")
                    precondition(
                        placement.replaces == nil || placement.state == .warming,
                        "\(node.node) \(placement.model): only a warming copy replaces another")
                }
            }
        }
        for (previous, next) in zip(routes, routes.dropFirst()) {
            precondition(
                (previous.node, previous.model) < (next.node, next.model),
                "routes out of order: \(previous.node) \(previous.model) before \(next.node) \(next.model)")
        }
        for route in routes {
            precondition(!route.peers.isEmpty, "route \(route.node) \(route.model): no peers")
            precondition(
                Set(route.peers.map(\.node)).count == route.peers.count,
                "route \(route.node) \(route.model): a peer twice")
            precondition(
                !route.peers.contains { $0.node == route.node }, "route \(route.node) \(route.model): routes to itself")
            precondition(
                route.peers.allSatisfy { $0.share > 0 && $0.share <= 1 },
                "route \(route.node) \(route.model): a share outside 0...1")
            let total = route.peers.reduce(0) { $0 + $1.share }
            precondition(total <= 1 + 1e-9, "route \(route.node) \(route.model): shares sum to \(total)")
        }
        for (previous, next) in zip(defaultVariants, defaultVariants.dropFirst()) {
            precondition(previous.model < next.model, "default variants out of order")
        }
    }
}
