import Inference
import Scheduling

extension Agent {
    /// Answers one decoded request: resolves the model, its version and
    /// what the client asked for (class, deadline, downgrades), checks the
    /// inputs against the manifest, then waits for the bridge's one answer.
    /// A drain's refusals (`shutting_down`) come from the scheduler, like
    /// every other refusal.
    public func infer(_ call: InferenceCall) async -> Result<InferenceAnswer, AgentError> {
        let arrival = noteRequest()
        let request: InferenceTask
        do {
            request = try admit(call)
        } catch {
            return .failure(error)
        }
        defer { leaveInFlight() }
        let reply = await bridge.infer(request)
        guard let refusal = forwardable(reply, isForwarded: call.isForwarded) else {
            return reply.mapError(Self.refusal)
        }
        return await withCheckedContinuation { continuation in
            forward(request, refused: refusal, arrival: arrival) { continuation.resume(returning: $0) }
        }
        .mapError(Self.refusal)
    }

    /// Answers decoded requests for an ingress with a thread of its own:
    /// each is resolved and checked as ``infer(_:)`` does, those refused then
    /// are answered at once on this thread, and the rest go to the bridge in
    /// one batch; each answer is passed to its function exactly once, on the
    /// thread that decides it.
    public func submit(_ calls: [(InferenceCall, @Sendable (Result<InferenceAnswer, AgentError>) -> Void)]) {
        let arrival = noteRequest()
        var batch: [(InferenceTask, @Sendable (InferenceReply) -> Void)] = []
        batch.reserveCapacity(calls.count)
        for (call, answer) in calls {
            do {
                let request = try admit(call)
                let answered: @Sendable (InferenceReply) -> Void = { [self] reply in
                    leaveInFlight()
                    answer(reply.mapError(Self.refusal))
                }
                guard forwarder != nil else {
                    batch.append((request, answered))
                    continue
                }
                // In a cluster the request is held until its answer, for a
                // refusal a peer may serve instead.
                let isForwarded = call.isForwarded
                batch.append(
                    (
                        request,
                        { [self] reply in
                            if let refusal = forwardable(reply, isForwarded: isForwarded) {
                                forward(request, refused: refusal, arrival: arrival, answer: answered)
                            } else {
                                answered(reply)
                            }
                        }
                    ))
            } catch {
                answer(.failure(error))
            }
        }
        if !batch.isEmpty { bridge.submit(batch) }
    }

    /// Counts `call` in flight and resolves it; a call this throws for is
    /// not counted.
    private func admit(_ call: InferenceCall) throws(AgentError) -> InferenceTask {
        try enterInFlight()
        do {
            return try resolve(call)
        } catch {
            leaveInFlight()
            throw error
        }
    }

    /// The refusal in `reply` when a route's peer may serve the request
    /// instead: one for want of room here, of a request no peer forwarded,
    /// in a cluster; nil: `reply` is the answer.
    private func forwardable(_ reply: InferenceReply, isForwarded: Bool) -> InferenceRefusal? {
        guard forwarder != nil, !isForwarded, case .failure(let refusal) = reply,
            Overflow.isForwardable(refusal.reason)
        else { return nil }
        return refusal
    }

    /// Hands the refused `request` to the forwarding loop, which passes its
    /// one answer to `answer`; without a route for its model the refusal is
    /// the answer, at once. The deadline counts from `arrival`.
    private func forward(
        _ request: InferenceTask, refused refusal: InferenceRefusal, arrival: Int64,
        answer: @escaping @Sendable (InferenceReply) -> Void
    ) {
        let timeout = request.timeout ?? configuration.classes[request.priorityClass.index].defaultTimeout
        let overflow = Overflow(
            task: request, deadline: timeout.map { arrival + $0.nanoseconds }, refusal: refusal, answer: answer)
        if forwarder?.offer(overflow) != true { answer(.failure(refusal)) }
    }

    private static func refusal(_ refusal: InferenceRefusal) -> AgentError {
        AgentError(.refused(refusal.reason), refusal.message)
    }

    private func resolve(_ call: InferenceCall) throws(AgentError) -> InferenceTask {
        let (id, model) = try repository.lookup(call.model)
        let pinnedVariant = try pinnedVariant(call.version, of: model)
        do {
            try model.check(call.inputs)
        } catch {
            throw AgentError(.badRequest, error.message)
        }
        let priorityClass = try priorityClass(call.priority)
        return InferenceTask(
            model: id,
            priorityClass: priorityClass,
            timeout: try timeout(call.timeout, clientDeadline: call.clientDeadline, of: priorityClass),
            allowDowngrade: try allowDowngrade(call.allowDowngrade),
            lowestVariant: try lowestVariant(call.minimumVariant, of: model),
            pinnedVariant: pinnedVariant,
            inputs: call.inputs,
            ingress: call.ingress)
    }

    /// The rung a version names: a version is a variant, and one the model
    /// does not have is as unknown as a model (404, as Triton answers).
    private func pinnedVariant(_ version: String?, of model: ModelManifest) throws(AgentError) -> Int? {
        guard let version else { return nil }
        guard let rung = model.variants.firstIndex(where: { $0.name == version }) else {
            let versions = model.variants.map(\.name).joined(separator: ", ")
            throw AgentError(
                .unknownModel, "model \"\(model.name)\" has no version \"\(version)\" (versions: \(versions))")
        }
        return rung
    }

    /// `priority`: a class name, or an integer as Triton's clients send it
    /// (0 the default class, 1 the first class, 2 the second, …).
    private func priorityClass(_ parameter: InferenceParameter?) throws(AgentError) -> ClassID {
        let classes = configuration.classes
        let names = classes.map(\.name).joined(separator: ", ")
        switch parameter {
        case .none, .int(0):
            return ClassID(classes.firstIndex { $0.name == configuration.defaultClass } ?? 0)
        case .string(let name):
            guard let index = classes.firstIndex(where: { $0.name == name }) else {
                throw AgentError(.badRequest, "parameter priority: \"\(name)\" is not a class (\(names))")
            }
            return ClassID(index)
        case .int(let level) where (1...Int64(classes.count)).contains(level):
            return ClassID(Int(level) - 1)
        case .some(let other):
            throw AgentError(
                .badRequest,
                "parameter priority: \(other) is neither a class name (\(names)) nor a level from 0 to \(classes.count)"
            )
        }
    }

    /// The task's timeout: `timeout` or the class default, and never past
    /// how long the client waits (a gRPC deadline).
    private func timeout(_ parameter: InferenceParameter?, clientDeadline: Duration?, of priorityClass: ClassID)
        throws(AgentError) -> Duration?
    {
        let requested = try timeout(parameter)
        guard let clientDeadline else { return requested }
        return min(
            requested ?? configuration.classes[priorityClass.index].defaultTimeout ?? clientDeadline, clientDeadline)
    }

    /// `timeout` in µs: nil or 0 keeps the class default; more may lengthen
    /// it up to `limits.max_timeout`.
    private func timeout(_ parameter: InferenceParameter?) throws(AgentError) -> Duration? {
        let limit = configuration.limits.maxTimeout
        switch parameter {
        case .none, .int(0): return nil
        case .int(let microseconds) where microseconds > 0 && .microseconds(microseconds) <= limit:
            return .microseconds(microseconds)
        case .some(let other):
            throw AgentError(
                .badRequest,
                "parameter timeout: \(other) is not a number of microseconds from 1 to \(limit.wholeMicroseconds) "
                    + "(limits.max_timeout)")
        }
    }

    private func allowDowngrade(_ parameter: InferenceParameter?) throws(AgentError) -> Bool {
        switch parameter {
        case .none: return true
        case .bool(let allowed): return allowed
        case .some(let other):
            throw AgentError(.badRequest, "parameter edgesched_allow_downgrade: \(other) is not true or false")
        }
    }

    private func lowestVariant(_ parameter: InferenceParameter?, of model: ModelManifest) throws(AgentError)
        -> Int?
    {
        let names = model.variants.map(\.name)
        switch parameter {
        case .none: return nil
        case .string(let name) where names.contains(name): return names.firstIndex(of: name)
        case .some(let other):
            throw AgentError(
                .badRequest,
                "parameter edgesched_min_variant: \(other) is not a variant of \(model.name) (\(names.joined(separator: ", ")))"
            )
        }
    }
}
