import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Inference
import Messaging
import NIOCore
import NIOPosix
import OpenInferenceGRPC

/// Runs a load plan against a server: learns the model's inputs (from the
/// server's metadata over HTTP, from its manifest over ZeroMQ) and its
/// variants' accuracies (from its manifest, when one is read), builds the
/// request pool, sends on the schedule, and waits for the answers.
public enum LoadRunner {
    /// Runs `plan` and returns what it measured.
    ///
    /// Over HTTP the client runs on one event loop thread of its own: the arrival timer, every connection and
    /// the tally share it. Over ZeroMQ one thread of its own owns the sockets, the timer and the tally. Either
    /// way nothing is locked on the request path.
    /// - Throws: ``LoadError`` when the plan is invalid, the server cannot be reached, or the model's inputs
    ///   cannot be learnt or built. Failed requests are outcomes, not errors.
    public static func run(_ plan: LoadPlan) async throws -> LoadReport {
        let plan = try plan.validated()
        switch plan.target {
        case .http(let url, _):
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            do {
                let report = try await runHTTP(plan, url: url, on: group.next())
                try await group.shutdownGracefully()
                return report
            } catch {
                try? await group.shutdownGracefully()
                throw error
            }
        case .zeroMQ(let endpoint, let models):
            let result: Result<LoadReport, LoadError> = await withCheckedContinuation { continuation in
                Thread {
                    continuation.resume(
                        returning: Result { () throws(LoadError) in
                            try runZeroMQ(plan, endpoint: endpoint, models: models)
                        })
                }.start()
            }
            return try result.get()
        case .grpc(let address, _):
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            do {
                let report = try await runGRPC(plan, address: address, group: group)
                try await group.shutdownGracefully()
                return report
            } catch {
                try? await group.shutdownGracefully()
                throw error
            }
        }
    }

    /// ``run(_:)`` for a synchronous caller (a command's `run()`): blocks the
    /// calling thread, which must not be an event loop, until the report is
    /// ready; over ZeroMQ the calling thread owns the sockets.
    @available(*, noasync)
    public static func runBlocking(_ plan: LoadPlan) throws -> LoadReport {
        let plan = try plan.validated()
        switch plan.target {
        case .http(let url, _):
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            defer { try? group.syncShutdownGracefully() }
            let promise = group.next().makePromise(of: LoadReport.self)
            promise.completeWithTask { try await runHTTP(plan, url: url, on: group.next()) }
            return try promise.futureResult.wait()
        case .zeroMQ(let endpoint, let models):
            return try runZeroMQ(plan, endpoint: endpoint, models: models)
        case .grpc(let address, _):
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            defer { try? group.syncShutdownGracefully() }
            let promise = group.next().makePromise(of: LoadReport.self)
            promise.completeWithTask { try await runGRPC(plan, address: address, group: group) }
            return try promise.futureResult.wait()
        }
    }

    private static func runHTTP(_ plan: LoadPlan, url: ServerURL, on eventLoop: any EventLoop) async throws
        -> LoadReport
    {
        let accuracies = try plan.target.models.map { folder throws(LoadError) in
            VariantAccuracies(manifest: try ModelManifest.reading(model: plan.model, folder: folder))
        }
        let connector = ClientConnector(url: url, eventLoop: eventLoop)
        let metadata = try await MetadataClient.fetch(model: plan.model, connector: connector)
        let pool = try RequestPool(plan: plan, url: url, metadata: metadata)
        return try await LoadSession(plan: plan, pool: pool, connector: connector, accuracies: accuracies).run().get()
    }

    /// Over gRPC the client's connection runs on `group`'s one thread.
    private static func runGRPC(_ plan: LoadPlan, address: GRPCAddress, group: MultiThreadedEventLoopGroup)
        async throws -> LoadReport
    {
        let accuracies = try plan.target.models.map { folder throws(LoadError) in
            VariantAccuracies(manifest: try ModelManifest.reading(model: plan.model, folder: folder))
        }
        let target: any ResolvableTarget =
            address.host.contains(":")
            ? .ipv6(host: address.host, port: address.port) : .dns(host: address.host, port: address.port)
        let transport = try HTTP2ClientTransport.Posix(
            target: target, transportSecurity: .plaintext, eventLoopGroup: group)
        return try await withGRPCClient(transport: transport) { client in
            let service = Inference_GRPCInferenceService.Client(wrapping: client)
            let source = "grpc://\(address)/\(plan.model)"
            let metadata = try await GRPCMetadataClient.fetch(model: plan.model, service: service, source: source)
            let pool = try GRPCRequestPool(plan: plan, metadata: metadata, source: source)
            return await GRPCSession(plan: plan, service: service, pool: pool, accuracies: accuracies).run()
        }
    }

    @available(*, noasync)
    private static func runZeroMQ(_ plan: LoadPlan, endpoint: ZeroMQEndpoint, models: String) throws(LoadError)
        -> LoadReport
    {
        let manifest = try ModelManifest.reading(model: plan.model, folder: models)
        let pool = try ZeroMQRequestPool(
            plan: plan, metadata: ModelMetadata(manifest: manifest), source: "\(models)/\(plan.model)")
        return try ZeroMQSession(
            plan: plan, endpoint: endpoint, pool: pool, accuracies: VariantAccuracies(manifest: manifest)
        ).run()
    }
}
