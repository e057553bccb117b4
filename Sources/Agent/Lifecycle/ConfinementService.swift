import ServiceLifecycle

/// Sweeps the agent's threads onto the reserved CPUs every ``period``
/// (``ThreadConfinement``): a thread of Swift's pool born on a worker's CPU
/// is moved off it within a period. Not run when nothing is reserved.
struct ConfinementService: Service {
    let agent: Agent
    /// How often the threads are swept.
    static let period = Duration.seconds(1)

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.period) }
            agent.sweepThreads()
        }
    }
}
