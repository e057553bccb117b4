import Inference
import Scheduling
import ServiceLifecycle

/// The one deadline timer: sleeps until the earliest queued task can no
/// longer make its deadline, answers it (and any others due) then, and
/// waits for a submit while nothing is queued. A task queued meanwhile with
/// an earlier expiry is caught within ``longestSleep``.
struct DeadlineService: Service {
    let agent: Agent
    /// The longest sleep while work is queued, bounding how late a task
    /// queued during the sleep (with an earlier expiry) is answered.
    static let longestSleep = Duration.milliseconds(1)

    func run() async throws {
        var wakes = agent.bridge.timerWakes.cancelOnGracefulShutdown().makeAsyncIterator()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            guard let next = agent.bridge.expireOverdue() else {
                guard try await wakes.next() != nil else { return }
                continue
            }
            let untilDue = Duration.nanoseconds(max(0, next.nanoseconds - MonotonicClock.nanoseconds()))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: min(untilDue, Self.longestSleep)) }
        }
    }
}
