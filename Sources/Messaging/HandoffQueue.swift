import Synchronization

/// How other threads hand work to the thread that owns a ``Socket``: they ``push(_:)``; the owner, woken in its
/// ``Poller`` (its `add(_:)` for a queue), calls ``takeAll(into:)`` and does the socket calls.
///
/// Wake-ups are batched: only a push onto an empty queue signals the owner's eventfd, so under load many
/// replies cost one wake-up and one lock, not one each. Pushing never blocks on the socket and never fails.
public final class HandoffQueue<Work: Sendable>: Sendable {
    private let pending = Mutex<[Work]>([])
    let wake: WakeSignal

    /// An empty queue with its own eventfd.
    ///
    /// - Throws: ``ZeroMQError`` naming `eventfd` when the process has no file descriptors left.
    public init() throws(ZeroMQError) {
        wake = try WakeSignal()
    }

    /// Queues `work` for the owner and wakes it if the queue was empty. Callable from any thread.
    public func push(_ work: Work) {
        let wasEmpty = pending.withLock { pending in
            pending.append(work)
            return pending.count == 1
        }
        if wasEmpty { wake.signal() }
    }

    /// Queues several items under one lock and at most one wake-up. Callable from any thread.
    public func push(contentsOf work: some Sequence<Work>) {
        let wasEmpty = pending.withLock { pending in
            let before = pending.count
            pending.append(contentsOf: work)
            return before == 0 && !pending.isEmpty
        }
        if wasEmpty { wake.signal() }
    }

    /// Spins until work is pushed or `budget` has passed, and says whether work came: for an owner expecting
    /// an answer within microseconds, which a wake-up through its poller would cost again. The clock is read
    /// every 64 looks, not every one.
    public func spinUntilPushed(for budget: Duration) -> Bool {
        let deadline = ContinuousClock.now + budget
        var looks = 0
        while !wake.isRaised {
            looks += 1
            if looks & 63 == 0, ContinuousClock.now >= deadline { return false }
        }
        return true
    }

    /// Moves everything queued, in push order, to the end of `buffer`: for the owner thread, after its poller
    /// reports the queue readable. Pass an emptied buffer each time to reuse its storage (no allocation).
    ///
    /// The wake-up is cleared before the queue is taken, so a push racing with this call is either taken now or
    /// leaves the queue signalled for the next wait: work is never stranded without a wake-up.
    public func takeAll(into buffer: inout [Work]) {
        _ = wake.clear()
        pending.withLock { pending in
            if buffer.isEmpty {
                swap(&buffer, &pending)
            } else {
                buffer.append(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }
}
