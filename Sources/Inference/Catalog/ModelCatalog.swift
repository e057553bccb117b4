import Topology

/// Every model manifest of a folder, checked: the models that can serve and
/// every problem found, with file, key and value.
public struct ModelCatalog: Hashable, Sendable {
    /// The folder the manifests were read from.
    public var folder: String
    /// Models with at least one usable variant, by name.
    public var models: [ModelManifest]
    /// Every problem found, in file order.
    public var problems: [CatalogProblem]

    /// A catalog of already checked models; ``load(folder:)`` is the usual way.
    public init(folder: String, models: [ModelManifest], problems: [CatalogProblem]) {
        self.folder = folder
        self.models = models
        self.problems = problems
    }

    /// Reads every `*.yaml` in `folder`. A file with problems loses what is
    /// broken (a variant, or the whole model) and the rest still serves; what
    /// a manifest declares past `limits` is such a problem.
    public static func load(folder: String, limits: CatalogLimits = CatalogLimits()) -> ModelCatalog {
        let names: [String]
        do {
            names = try LocalFile.names(in: folder)
        } catch {
            return ModelCatalog(
                folder: folder, models: [],
                problems: [
                    CatalogProblem(
                        file: folder, key: "",
                        message: "\(error.reason) (give the folder of model manifests, *.yaml)")
                ])
        }
        var models: [ModelManifest] = []
        var problems: [CatalogProblem] = []
        for name in names.filter({ $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }).sorted() {
            let file = folder + "/" + name
            let text: String
            do {
                guard let decoded = String(validating: try LocalFile.read(file), as: UTF8.self) else {
                    problems.append(CatalogProblem(file: file, key: "", message: "is not UTF-8 text"))
                    continue
                }
                text = decoded
            } catch {
                problems.append(CatalogProblem(file: file, key: "", message: error.reason))
                continue
            }
            var reader = ManifestReader(file: file, folder: folder, limits: limits)
            let manifest = reader.read(text: text)
            problems += reader.problems
            guard let manifest else { continue }
            if let other = models.first(where: { $0.name == manifest.name }) {
                problems.append(
                    CatalogProblem(
                        file: file, key: "name", message: "\"\(manifest.name)\" is also the name of \(other.file)"))
                continue
            }
            models.append(manifest)
        }
        if names.allSatisfy({ !$0.hasSuffix(".yaml") && !$0.hasSuffix(".yml") }) {
            problems.append(CatalogProblem(file: folder, key: "", message: "holds no model manifest (*.yaml)"))
        }
        return ModelCatalog(folder: folder, models: models, problems: problems)
    }

    /// The model of that name.
    public func model(named name: String) -> ModelManifest? {
        models.first { $0.name == name }
    }
}
