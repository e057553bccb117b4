public import Inference
public import Scheduling
import Synchronization

/// The models the agent knows (every manifest of the catalog) and which are
/// loaded: the repository API's view, and the map from a name to the
/// scheduler's ``ModelID``.
public final class ModelRepository: Sendable {
    /// A model's state as the repository index reports it.
    public enum State: Hashable, Sendable {
        /// Not loaded (a manifest with `preload: false`, or unloaded).
        case unloaded
        /// Being loaded or unloaded.
        case changing
        /// At least one variant is loaded.
        case ready
        /// A load was tried and no variant loaded; the reason is the runtime's.
        case unavailable(String)
    }

    /// Every model, indexed by ``ModelID``.
    public let models: [ModelManifest]
    private let indexByName: [String: Int]
    private let states: Mutex<[State]>

    /// A repository of `models`, none loaded yet.
    public init(models: [ModelManifest]) {
        self.models = models
        indexByName = Dictionary(models.enumerated().map { ($1.name, $0) }) { first, _ in first }
        states = Mutex(Array(repeating: .unloaded, count: models.count))
    }

    /// The model named `name`, with its id; nil when the catalog has none.
    public func model(named name: String) -> (id: ModelID, manifest: ModelManifest)? {
        indexByName[name].map { (ModelID($0), models[$0]) }
    }

    /// The state of model `id`.
    public func state(of id: ModelID) -> State {
        states.withLock { $0[id.index] }
    }

    /// Sets the state of model `id`; returns the previous one.
    @discardableResult
    public func setState(_ state: State, of id: ModelID) -> State {
        states.withLock { states in
            defer { states[id.index] = state }
            return states[id.index]
        }
    }

    /// Moves model `id` to `.changing` unless it is changing already (a
    /// load and an unload of one model never run at once); returns whether it did.
    public func beginChange(of id: ModelID) -> Bool {
        states.withLock { states in
            guard states[id.index] != .changing else { return false }
            states[id.index] = .changing
            return true
        }
    }
}
