import Scheduling

/// What each refusal means to the client that gets it, and what to do.
enum RefusalText {
    static func sentence(for reason: RefusalReason) -> String {
        switch reason {
        case .queueFull: "its class's queue is full; retry after a moment or send fewer requests"
        case .wouldMissDeadline:
            "it would finish after its deadline even on the cheapest variant it accepts; allow a longer timeout"
        case .deadlineExceeded: "its deadline passed before a worker could run it"
        case .overload: "shed to keep the node within capacity; retry later or send at a higher priority"
        case .modelUnavailable:
            "no variant it accepts is loaded and healthy; load the model or relax its minimum variant"
        case .runtimeError: "the runtime failed while running it"
        case .shuttingDown: "the agent is shutting down; send to another node"
        case .cancelled: "the request was withdrawn before it ran"
        }
    }
}
