import NIOCore
import NIOPosix

/// Runs a load plan against a server: reads the model's metadata, builds
/// the request pool, sends on the schedule, and waits for the answers.
public enum LoadRunner {
    /// Runs `plan` and returns what it measured.
    ///
    /// The client runs on one event loop thread of its own: the arrival timer,
    /// every connection and the tally share it, so nothing is locked on the
    /// request path.
    /// - Throws: ``LoadError`` when the plan is invalid, the server cannot be
    ///   reached, or its metadata cannot be used. Failed requests are outcomes, not errors.
    public static func run(_ plan: LoadPlan) async throws -> LoadReport {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let report = try await run(plan, on: group.next())
            try await group.shutdownGracefully()
            return report
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// ``run(_:)`` for a synchronous caller (a command's `run()`): blocks the
    /// calling thread, which must not be an event loop, until the report is ready.
    @available(*, noasync)
    public static func runBlocking(_ plan: LoadPlan) throws -> LoadReport {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let promise = group.next().makePromise(of: LoadReport.self)
        promise.completeWithTask { try await run(plan, on: group.next()) }
        return try promise.futureResult.wait()
    }

    private static func run(_ plan: LoadPlan, on eventLoop: any EventLoop) async throws -> LoadReport {
        let plan = try plan.validated()
        let connector = ClientConnector(url: plan.url, eventLoop: eventLoop)
        let metadata = try await MetadataClient.fetch(model: plan.model, connector: connector)
        let pool = try RequestPool(plan: plan, metadata: metadata)
        return try await LoadSession(plan: plan, pool: pool, connector: connector).run().get()
    }
}
