import Foundation
import Messaging

/// A socket thread (``SocketThread``) that other threads reach only through
/// its control queue: the cluster link's and the coordinator's.
struct ControlledThread: Sendable {
    private let control: HandoffQueue<ClusterControl>
    /// Signalled once the thread has left its loop.
    private let exited: DispatchSemaphore

    /// Starts thread `name` with a context and control queue of its own,
    /// makes its loop there, and returns once it is made; the error is what
    /// `make` threw, or names `subject` when ZeroMQ could not start.
    static func start<Loop>(
        name: String, subject: String,
        make: @escaping @Sendable (Context, HandoffQueue<ClusterControl>) throws(AgentError) -> Loop,
        run: @escaping @Sendable (Loop) -> Void
    ) async throws(AgentError) -> ControlledThread {
        let control: HandoffQueue<ClusterControl>
        let context: Context
        do {
            control = try HandoffQueue()
            context = try Context()
        } catch {
            throw AgentError(.startFailed, "\(subject): \(error)")
        }
        let exited = DispatchSemaphore(value: 0)
        try await SocketThread.start(
            name: name, exited: exited, make: { () throws(AgentError) in try make(context, control) },
            started: { _ in }, run: run)
        return ControlledThread(control: control, exited: exited)
    }

    /// Asks the loop to close its sockets and waits for the thread.
    func stop() async {
        control.push(.stop)
        let exited = self.exited
        await Blocking.run { exited.wait() }
    }
}
