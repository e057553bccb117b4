import Inference

extension ModelManifest {
    /// The manifest of `model` in `folder`, read with the agent's own manifest reader (over ZeroMQ there is
    /// no metadata call, and the variants' accuracies are in no metadata).
    /// - Throws: ``LoadError/Kind/manifestMissing`` naming the folder, the models it holds and the
    ///   problems found when none of its manifests serves `model`.
    static func reading(model: String, folder: String) throws(LoadError) -> ModelManifest {
        let catalog = ModelCatalog.load(folder: folder)
        if let manifest = catalog.model(named: model) { return manifest }
        let known = catalog.models.map(\.name).joined(separator: ", ")
        let problems = catalog.problems.map(\.description).joined(separator: "; ")
        throw LoadError(
            .manifestMissing,
            "--models \(folder): no usable manifest of model \"\(model)\" (models: \(known.isEmpty ? "none" : known))"
                + (problems.isEmpty ? "" : "; problems: \(problems)") + "; check --model and --models")
    }
}
