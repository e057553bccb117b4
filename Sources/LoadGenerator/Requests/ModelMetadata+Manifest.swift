import Inference

extension ModelMetadata {
    /// The inputs and outputs `manifest` declares, as a server's metadata would list them.
    init(manifest: ModelManifest) {
        func tensors(_ specs: [TensorSpec]) -> [Tensor] {
            specs.map { Tensor(name: $0.name, datatype: $0.datatype.rawValue, shape: $0.shape) }
        }
        self.init(name: manifest.name, inputs: tensors(manifest.inputs), outputs: tensors(manifest.outputs))
    }

    /// The metadata of `model` from its manifest in `folder`, read with the agent's own manifest reader
    /// (over ZeroMQ there is no metadata call).
    /// - Throws: ``LoadError/Kind/manifestMissing`` naming the folder, the models it holds and the
    ///   problems found when none of its manifests serves `model`.
    static func reading(model: String, folder: String) throws(LoadError) -> ModelMetadata {
        let catalog = ModelCatalog.load(folder: folder)
        if let manifest = catalog.model(named: model) { return ModelMetadata(manifest: manifest) }
        let known = catalog.models.map(\.name).joined(separator: ", ")
        let problems = catalog.problems.map(\.description).joined(separator: "; ")
        throw LoadError(
            .manifestMissing,
            "--models \(folder): no usable manifest of model \"\(model)\" (models: \(known.isEmpty ? "none" : known))"
                + (problems.isEmpty ? "" : "; problems: \(problems)") + "; check --model and --models")
    }
}
