import CZeroMQ

/// Waits on several sockets and file descriptors at once (`zmq_poll`), for the one thread that owns them.
///
/// The socket-owning thread's loop: wait, then receive from each readable socket and take the work other threads
/// handed over through each readable ``HandoffQueue``. It uses `zmq_poll` because Debian's libzmq is built
/// without the draft `zmq_poller_*` functions; `zmq_poll` takes sockets and plain file descriptors alike.
///
/// Like ``Socket``, a poller belongs to one thread; it keeps what it polls alive.
public final class Poller {
    /// One thing the poller watches; ``events(for:)`` says what the last ``wait(timeout:)`` found on it.
    public struct Registration: Hashable, Sendable {
        let index: Int
    }

    private var items: [zmq_pollitem_t] = []
    /// The sockets and queues polled, held so that their handles and descriptors stay valid.
    private var watched: [AnyObject] = []

    /// An empty poller.
    public init() {}

    /// Watches `socket` for `events` (usually ``PollEvents/readable``).
    public func add(_ socket: Socket, events: PollEvents = .readable) -> Registration {
        add(zmq_pollitem_t(socket: socket.handle, fd: -1, events: events.rawValue, revents: 0), owner: socket)
    }

    /// Watches a plain file descriptor (a pipe, an eventfd, a timerfd) for `events`; the caller keeps it open.
    public func add(fileDescriptor: Int32, events: PollEvents = .readable) -> Registration {
        add(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0), owner: nil)
    }

    /// Watches `queue`: it turns readable when another thread has pushed work, until ``HandoffQueue/takeAll(into:)``.
    public func add<Work>(_ queue: HandoffQueue<Work>) -> Registration {
        add(
            zmq_pollitem_t(
                socket: nil, fd: queue.wake.fileDescriptor, events: PollEvents.readable.rawValue, revents: 0),
            owner: queue)
    }

    private func add(_ item: zmq_pollitem_t, owner: AnyObject?) -> Registration {
        items.append(item)
        if let owner { watched.append(owner) }
        return Registration(index: items.count - 1)
    }

    /// Changes what to wait for on `registration`: add ``PollEvents/writable`` while a DEALER send waits for room
    /// (not on a ROUTER, which always polls writable).
    public func watch(_ registration: Registration, for events: PollEvents) {
        items[registration.index].events = events.rawValue
    }

    /// Waits until something watched is ready or `timeout` passes (`nil`: no limit; `.zero`: just look).
    ///
    /// - Returns: how many registrations are ready; ``events(for:)`` says which and for what.
    /// - Throws: ``ZeroMQError`` naming `zmq_poll` (`ETERM` when a socket's context ends; `EINVAL` for a
    ///   timeout too long to express). A signal restarts the wait with the full timeout.
    public func wait(timeout: Duration?) throws(ZeroMQError) -> Int {
        let milliseconds: Int
        if let timeout {
            guard let whole = timeout.wholeMillisecondsRoundingUp, whole >= 0 else {
                throw ZeroMQError(function: "zmq_poll", subject: "timeout \(timeout)", code: .invalidArgument)
            }
            milliseconds = whole
        } else {
            milliseconds = -1
        }
        let count = Int32(items.count)
        return Int(try ZeroMQCall.check("zmq_poll", "\(items.count) items") { zmq_poll(&items, count, milliseconds) })
    }

    /// What the last ``wait(timeout:)`` found ready on `registration` (empty before any wait).
    public func events(for registration: Registration) -> PollEvents {
        PollEvents(rawValue: items[registration.index].revents)
    }
}

@available(*, unavailable, message: "a poller belongs to the thread that owns its sockets")
extension Poller: Sendable {}
