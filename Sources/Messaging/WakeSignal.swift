import CZeroMQ
import Glibc
import Synchronization

/// A non-blocking eventfd: any thread ``signal()``s it, and it stays readable (in a ``Poller``) until the owner
/// ``clear()``s it; signals in between collapse into one wake-up.
final class WakeSignal: Sendable {
    let fileDescriptor: Int32
    /// Mirrors the descriptor's state, so that the owner can look without a system call (``isRaised``).
    private let raised = Atomic<Bool>(false)

    /// - Throws: ``ZeroMQError`` naming `eventfd` (`EMFILE` when the process has no descriptors left).
    init() throws(ZeroMQError) {
        fileDescriptor = try ZeroMQCall.check("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
    }

    deinit {
        // Not through the call helper: retrying close after EINTR would close a descriptor reused meanwhile.
        close(fileDescriptor)
    }

    /// Makes the descriptor readable. Callable from any thread.
    func signal() {
        raised.store(true, ordering: .releasing)
        do {
            try ZeroMQCall.check("eventfd_write") { eventfd_write(fileDescriptor, 1) }
        } catch {
            // Only counter overflow (2^64 - 2 unread signals) or a closed descriptor can fail, neither possible
            // while this object lives and the owner clears it.
            preconditionFailure("\(error)")
        }
    }

    /// Makes the descriptor unreadable again; returns whether it had been signalled.
    func clear() -> Bool {
        raised.store(false, ordering: .relaxed)
        var count: eventfd_t = 0
        do {
            let outcome = try ZeroMQCall.perform("eventfd_read", wouldBlockIsOutcome: true) {
                eventfd_read(fileDescriptor, &count)
            }
            return outcome != .wouldBlock
        } catch {
            // A valid non-blocking eventfd read fails only with EAGAIN, returned above.
            preconditionFailure("\(error)")
        }
    }

    /// Whether a signal came since the last ``clear()``: one atomic load, for an owner that spins.
    var isRaised: Bool {
        raised.load(ordering: .acquiring)
    }
}
