import Foundation

/// A thread that owns ZeroMQ sockets (they are not thread-safe): the loop is
/// made on the thread, so its sockets never cross threads, and the caller
/// waits until it is made or failed to be.
enum SocketThread {
    /// Starts thread `name`, makes the loop there with `make` and runs it with
    /// `run`; returns `started`'s value for the made loop (an endpoint it
    /// bound) or throws what `make` threw. `exited` is signalled when the
    /// thread leaves.
    static func start<Loop, Started: Sendable>(
        name: String, exited: DispatchSemaphore,
        make: @escaping @Sendable () throws(AgentError) -> Loop,
        started: @escaping @Sendable (Loop) -> Started,
        run: @escaping @Sendable (Loop) -> Void
    ) async throws(AgentError) -> Started {
        let result: Result<Started, AgentError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                defer { exited.signal() }
                let loop: Loop
                do throws(AgentError) {
                    loop = try make()
                } catch {
                    continuation.resume(returning: .failure(error))
                    return
                }
                continuation.resume(returning: .success(started(loop)))
                run(loop)
            }
            thread.name = name
            thread.start()
        }
        return try result.get()
    }
}
