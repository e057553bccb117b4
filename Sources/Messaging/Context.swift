import CZeroMQ

/// A libzmq context (`zmq_ctx_new`): the I/O threads that move bytes between sockets and the network.
///
/// One per process is usual. The context is thread-safe (libzmq guarantees it), so it is `Sendable` and sockets
/// may be made from it on any thread. Each ``Socket`` keeps its context alive, so `zmq_ctx_term` in `deinit`,
/// which waits for every socket to close, runs only once the last socket is gone and never hangs.
public final class Context: @unchecked Sendable {
    // @unchecked: `handle` is set once in init and libzmq's context calls are thread-safe.
    let handle: UnsafeMutableRawPointer

    /// Makes a context with `ioThreads` I/O threads (libzmq's default is 1, about one per gigabit of traffic).
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_ctx_set(ZMQ_IO_THREADS=n)` when libzmq refuses the count.
    public init(ioThreads: Int = 1) throws(ZeroMQError) {
        guard let count = Int32(exactly: ioThreads), count >= 0 else {
            throw ZeroMQError(
                function: "zmq_ctx_set", subject: "ZMQ_IO_THREADS=\(ioThreads)", code: .invalidArgument)
        }
        let context = try ZeroMQCall.handle("zmq_ctx_new") { zmq_ctx_new() }
        do {
            try ZeroMQCall.check("zmq_ctx_set", "ZMQ_IO_THREADS=\(ioThreads)") {
                zmq_ctx_set(context, ZMQ_IO_THREADS, count)
            }
        } catch {
            _ = try? ZeroMQCall.check("zmq_ctx_term") { zmq_ctx_term(context) }
            throw error
        }
        handle = context
    }

    deinit {
        // Only EFAULT (not a context) can fail here besides EINTR, which the helper retries.
        _ = try? ZeroMQCall.check("zmq_ctx_term") { zmq_ctx_term(handle) }
    }
}
