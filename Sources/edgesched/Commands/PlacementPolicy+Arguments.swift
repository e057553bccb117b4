// The conformances are as public as the policy types, so the protocol's
// module must be imported publicly; nothing imports this executable.
public import ArgumentParser
public import Placement

/// Policy words as typed options: the parser lists the accepted words in
/// `--help` and names the given word and the accepted ones when it is wrong.
extension PlacementPolicy.DomainGranularity: ExpressibleByArgument {}

extension PlacementPolicy.SMTPolicy: ExpressibleByArgument {}

extension PlacementPolicy.MemoryPolicy: ExpressibleByArgument {}
