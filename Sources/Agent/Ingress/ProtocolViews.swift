public import Inference
import Scheduling

/// What both Open Inference Protocol ingresses (HTTP and gRPC) say of the
/// server and its models, in one place so that the two never disagree.
enum ProtocolViews {
    /// The server's name in server metadata.
    static let serverName = "edgesched"
    /// The protocol extensions the server metadata lists.
    static let extensions = ["binary_tensor_data", "model_repository", "schedule_policy"]

    /// A model's platform as Triton names it: ONNX Runtime's when any
    /// variant runs there, else the synthetic runtime's.
    static func platform(of model: ModelManifest) -> String {
        model.variants.contains { $0.runtime == .onnxruntime } ? "onnxruntime_onnx" : "edgesched_synthetic"
    }

    /// An answer's response parameters: the variant that ran, its queue and
    /// service time, the domain and, where they apply, why it was downgraded,
    /// the node that ran it and that its outputs are synthetic.
    static func responseParameters(_ answer: InferenceAnswer) -> [String: InferenceParameter] {
        var parameters: [String: InferenceParameter] = [
            "edgesched_variant": .string(answer.variant),
            "edgesched_queue_us": .int(answer.queueTime.wholeMicroseconds),
            "edgesched_service_us": .int(answer.serviceTime.wholeMicroseconds),
            "edgesched_domain": .int(Int64(answer.domain)),
        ]
        if let downgrade = answer.downgrade {
            parameters["edgesched_downgrade_reason"] = .string(downgrade.rawValue)
        }
        if !answer.node.isEmpty {
            parameters["edgesched_node"] = .string(answer.node)
        }
        if answer.isSynthetic {
            parameters["synthetic"] = .bool(true)
        }
        return parameters
    }

    /// A repository index entry's state and, for a model that is not
    /// available, why.
    static func indexState(_ state: ModelRepository.State) -> (state: String, reason: String?) {
        switch state {
        case .ready: ("READY", nil)
        case .changing: ("LOADING", nil)
        case .unloaded: ("UNAVAILABLE", "unloaded")
        case .unavailable(let reason): ("UNAVAILABLE", reason)
        }
    }
}

extension ModelRepository {
    /// The model named `name`, or the `unknown_model` error that lists the
    /// models there are.
    func lookup(_ name: String) throws(AgentError) -> (id: ModelID, manifest: ModelManifest) {
        guard let found = model(named: name) else {
            let names = models.map(\.name).joined(separator: ", ")
            throw AgentError(.unknownModel, "model \"\(name)\" is not in the repository (models: \(names))")
        }
        return found
    }
}

extension Agent {
    /// Loads or unloads the model named `name` for a repository request;
    /// throws when it is not there or did not reach the state asked for.
    func changeModel(named name: String, load: Bool) async throws(AgentError) {
        let (id, model) = try repository.lookup(name)
        switch load ? await self.load(id) : await unload(id) {
        case .ready, .unloaded: return
        case .changing:
            throw AgentError(.refused(.modelUnavailable), "\(model.name) is being loaded or unloaded")
        case .unavailable(let reason):
            throw AgentError(.refused(.modelUnavailable), "\(model.name) did not load: \(reason)")
        }
    }
}
