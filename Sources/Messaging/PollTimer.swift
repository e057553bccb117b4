import CZeroMQ
import Glibc

/// A timerfd on `CLOCK_MONOTONIC` for the thread that owns a ``Poller``: armed for an instant to the nanosecond,
/// it turns readable then and wakes the poller, where `zmq_poll`'s own timeout has whole milliseconds only (a
/// load generator sending at its intended times, a deadline sweep).
///
/// Like ``Poller``, a timer belongs to one thread. It stays readable once it fires until ``disarm()`` or the next
/// ``arm(atMonotonicNanoseconds:)``.
public final class PollTimer {
    let fileDescriptor: Int32

    /// A disarmed timer.
    ///
    /// - Throws: ``ZeroMQError`` naming `timerfd_create` (`EMFILE` when the process has no descriptors left).
    public init() throws(ZeroMQError) {
        fileDescriptor = try ZeroMQCall.check("timerfd_create") {
            timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK) | Int32(TFD_CLOEXEC))
        }
    }

    deinit {
        // Not through the call helper: retrying close after EINTR would close a descriptor reused meanwhile.
        close(fileDescriptor)
    }

    /// Fires at `instant`, nanoseconds on `CLOCK_MONOTONIC` (at once when it has passed), replacing any earlier
    /// arming and clearing a fire not yet seen.
    public func arm(atMonotonicNanoseconds instant: Int64) {
        // Zero would disarm: the earliest instant that still fires is 1 ns.
        let clamped = max(instant, 1)
        set(timespec(tv_sec: Int(clamped / 1_000_000_000), tv_nsec: Int(clamped % 1_000_000_000)))
    }

    /// Stops the timer and clears a fire not yet seen: the poller no longer finds it readable.
    public func disarm() {
        set(timespec(tv_sec: 0, tv_nsec: 0))
    }

    private func set(_ value: timespec) {
        var setting = itimerspec(it_interval: timespec(tv_sec: 0, tv_nsec: 0), it_value: value)
        do {
            try ZeroMQCall.check("timerfd_settime") {
                timerfd_settime(fileDescriptor, Int32(TFD_TIMER_ABSTIME), &setting, nil)
            }
        } catch {
            // timerfd_settime fails only for a bad descriptor or a nanosecond field out of range, and this
            // object owns the descriptor while it lives and builds the field below 10^9.
            preconditionFailure("\(error)")
        }
    }
}

extension Poller {
    /// Watches `timer`: it turns readable when it fires, until it is armed again or disarmed. The caller keeps
    /// the timer alive as long as the poller.
    public func add(_ timer: PollTimer) -> Registration {
        add(fileDescriptor: timer.fileDescriptor)
    }
}
