import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Inference
import OpenInferenceGRPC

/// One run over gRPC: every request a `ModelInfer` call on one HTTP/2
/// connection (its own stream; as tritonclient sends them), sent at its
/// arrival's intended time and answered whenever the server answers.
///
/// The arrivals are sent by the task that runs the session, which alone
/// owns the ledger; each call is a child task that returns its outcome, and
/// the outcomes are counted once the last arrival is sent and every call has
/// ended or the drain limit has passed (the calls still open are cancelled
/// and count as `no_answer`). Latency counts from the intended send time.
struct GRPCSession {
    let plan: LoadPlan
    let service: Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix>
    let pool: GRPCRequestPool
    let accuracies: VariantAccuracies?

    /// Sends on the schedule starting `lead` from now and returns the report once every request has its outcome.
    func run(lead: Duration = .milliseconds(20)) async -> LoadReport {
        var ledger = LoadLedger(plan: plan, accuracies: accuracies)
        let origin = MonotonicClock.nanoseconds() + lead.nanosecondsClamped
        let drainLimit = plan.drainLimit
        var sent = 0
        var sendingEnded: Int64 = 0
        let outcomes = await withTaskGroup(of: (Outcome, classIndex: Int)?.self) { group in
            while let offset = ledger.nextOffset {
                let wait = origin + offset - MonotonicClock.nanoseconds()
                if wait > 0 { try? await Task.sleep(for: .nanoseconds(wait)) }
                while let due = ledger.takeArrival(dueBy: MonotonicClock.nanoseconds() - origin) {
                    let request = pool.request(classIndex: due.classIndex, sequence: due.sequence)
                    let intended = origin + due.offset
                    sent += 1
                    group.addTask { [service] in
                        (await Self.call(service, request, intended: intended), due.classIndex)
                    }
                }
            }
            sendingEnded = MonotonicClock.nanoseconds()
            // The drain timer: nil when it fires (or is cancelled once every call has ended).
            group.addTask {
                try? await Task.sleep(for: drainLimit)
                return nil
            }
            var outcomes: [(Outcome, classIndex: Int)] = []
            outcomes.reserveCapacity(sent)
            while let result = await group.next() {
                if let result {
                    outcomes.append(result)
                    if outcomes.count == sent { group.cancelAll() }
                } else if outcomes.count < sent {
                    group.cancelAll()
                }
            }
            return outcomes
        }
        for (outcome, classIndex) in outcomes {
            ledger.record(outcome, classIndex: classIndex)
        }
        return ledger.report(drainSeconds: Double(MonotonicClock.nanoseconds() - sendingEnded) / 1e9)
    }

    private static func call(
        _ service: Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix>,
        _ request: Inference_ModelInferRequest, intended: Int64
    ) async -> Outcome {
        do {
            let response = try await service.modelInfer(request)
            let latency = UInt64(max(0, MonotonicClock.nanoseconds() - intended) / 1000)
            return .answered(latency: latency, variant: response.modelVersion)
        } catch {
            if Task.isCancelled { return .failed(kind: Outcome.noAnswer) }
            guard let error = error as? RPCError else { return .failed(kind: Outcome.connectionError) }
            return Outcome.classify(grpc: error)
        }
    }
}

extension Outcome {
    /// The outcome of a gRPC call that ended with `error`: the agent's
    /// refusals are `RESOURCE_EXHAUSTED` and `UNAVAILABLE` with the reason
    /// first in the message (docs/grpc.md); another server's count by code.
    static func classify(grpc error: RPCError) -> Outcome {
        switch error.code {
        case .deadlineExceeded: return .deadlineExceeded
        case .resourceExhausted, .unavailable:
            let reason = error.message.prefix { $0 != ":" }
            let isReason =
                !reason.isEmpty && reason.count < error.message.count
                && reason.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == 0x5F }
            return .refused(reason: isReason ? String(reason) : "grpc_\(error.code)")
        default: return .failed(kind: "grpc_\(error.code)")
        }
    }
}
