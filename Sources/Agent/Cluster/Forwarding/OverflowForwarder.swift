import Messaging
import Scheduling
import Synchronization

/// How requests this agent refuses reach the forwarding loop
/// (``ForwardingLoop``), from any thread. A gate, under one short lock taken
/// only for a refusal, says whether the model has a route now and whether
/// the loop still runs, so a refusal without a route is answered at once,
/// on its own thread, and nothing is handed to a loop that has stopped.
final class OverflowForwarder: Sendable {
    private struct Gate {
        var isOpen = true
        var routed: [Bool]
    }

    private let gate: Mutex<Gate>
    /// The overflow and route updates for the loop.
    let work: HandoffQueue<ForwardingWork>

    /// A forwarder for `modelCount` models, with no routes yet.
    init(modelCount: Int) throws(ZeroMQError) {
        gate = Mutex(Gate(routed: Array(repeating: false, count: modelCount)))
        work = try HandoffQueue()
    }

    /// Hands `overflow` to the loop when its model has a route; false: it
    /// has none, or the loop stopped, and the caller answers the refusal.
    func offer(_ overflow: Overflow) -> Bool {
        gate.withLock { gate in
            guard gate.isOpen, gate.routed.indices.contains(overflow.task.model.index),
                gate.routed[overflow.task.model.index]
            else { return false }
            work.push(.overflow(overflow))
            return true
        }
    }

    /// The newest plan's routes, from the cluster link.
    func update(_ routes: RouteTable) {
        gate.withLock { gate in
            gate.routed = routes.routedModels
            work.push(.routes(routes))
        }
    }

    /// Stops the hand-offs, for the loop as it leaves; what was handed
    /// before is still in ``work`` for it to answer.
    func close() {
        gate.withLock { $0.isOpen = false }
    }
}

/// What the forwarding loop is handed.
enum ForwardingWork: Sendable {
    case overflow(Overflow)
    case routes(RouteTable)
}
