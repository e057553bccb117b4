import CZeroMQ

/// The ZeroMQ socket patterns this project uses; each case is libzmq's socket type.
public enum SocketType: Sendable, CaseIterable, CustomStringConvertible {
    /// A server: receives `[routing id, frames…]` from many peers and replies to any of them, in any order.
    case router
    /// A client with many requests in flight: sends and receives freely, no envelope.
    case dealer
    /// Exactly one peer on each side, both directions (an inproc link between two threads).
    case pair
    /// Publishes to every subscriber; never blocks, drops for slow subscribers.
    case publisher
    /// Receives what a publisher sends, filtered by ``SocketOption/subscribe(_:)`` prefixes.
    case subscriber
    /// Strict request-then-reply client, one request in flight.
    case request
    /// Strict receive-then-reply server for ``request`` clients.
    case reply

    /// libzmq's constant (`ZMQ_ROUTER`, …).
    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pair: ZMQ_PAIR
        case .publisher: ZMQ_PUB
        case .subscriber: ZMQ_SUB
        case .request: ZMQ_REQ
        case .reply: ZMQ_REP
        }
    }

    /// libzmq's name without the prefix (`ROUTER`), as it appears in errors.
    public var description: String {
        switch self {
        case .router: "ROUTER"
        case .dealer: "DEALER"
        case .pair: "PAIR"
        case .publisher: "PUB"
        case .subscriber: "SUB"
        case .request: "REQ"
        case .reply: "REP"
        }
    }
}
