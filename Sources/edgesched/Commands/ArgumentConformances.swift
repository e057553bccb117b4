// The conformances are as public as the types, so the protocol's module must
// be imported publicly; nothing imports this executable.
public import Agent
public import ArgumentParser
public import Logging
public import Placement

/// Closed sets of words as typed options: the parser lists the accepted words
/// in `--help` and names the given word and the accepted ones when it is wrong.
extension PlacementPolicy.DomainGranularity: ExpressibleByArgument {}

extension PlacementPolicy.SMTPolicy: ExpressibleByArgument {}

extension PlacementPolicy.MemoryPolicy: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `HOST:PORT` options (`--http`, `--metrics`); the parser names the option
/// and the value when it is not one.
extension ListenAddress: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}
