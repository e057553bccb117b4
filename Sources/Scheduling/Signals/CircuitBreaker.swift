/// Skips a variant in one domain after repeated failures, then lets one task
/// probe it. States: closed (counting failures in a row), open until a
/// time, half-open (one probe may run; its result closes or reopens).
struct CircuitBreaker: Hashable, Sendable {
    private enum State: Hashable {
        case closed(failures: Int)
        case open(until: Instant)
        case halfOpen(probing: Bool)
    }

    private var state = State.closed(failures: 0)

    /// Whether a task may be dispatched to the variant now.
    func allows(now: Instant) -> Bool {
        switch state {
        case .closed: true
        case .open(let until): now >= until
        case .halfOpen(let probing): !probing
        }
    }

    /// A task was dispatched to the variant: after a cool-down, it is the probe.
    mutating func noteDispatch(now: Instant) {
        switch state {
        case .open(let until) where now >= until: state = .halfOpen(probing: true)
        case .halfOpen: state = .halfOpen(probing: true)
        default: break
        }
    }

    /// A task on the variant ended.
    mutating func record(succeeded: Bool, now: Instant, configuration: CircuitBreakerConfiguration) {
        switch (state, succeeded) {
        case (_, true):
            state = .closed(failures: 0)
        case (.closed(let failures), false) where failures + 1 < configuration.failures:
            state = .closed(failures: failures + 1)
        case (_, false):
            state = .open(until: now + configuration.coolDown)
        }
    }

    var isOpen: Bool {
        if case .closed = state { return false }
        return true
    }
}
