import Foundation
import Yams

/// Reads one manifest, collecting every problem instead of stopping at the
/// first, so that an operator fixes a file in one pass.
struct ManifestReader {
    let file: String
    let folder: String
    let limits: CatalogLimits
    private(set) var problems: [CatalogProblem] = []

    init(file: String, folder: String, limits: CatalogLimits) {
        self.file = file
        self.folder = folder
        self.limits = limits
    }

    /// The manifest, or nil when it has problems that leave nothing usable.
    /// A variant with problems is left out (with its problems reported) if
    /// other variants are fine.
    mutating func read(text: String) -> ModelManifest? {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                problem("", "is empty; a manifest needs name, inputs, outputs and variants")
                return nil
            }
            root = composed
        } catch {
            problem("", "is not valid YAML: \(error)")
            return nil
        }
        guard let mapping = root.mapping else {
            problem("", "is not a mapping of keys (name, inputs, outputs, variants)")
            return nil
        }
        let known: Set<String> = ["name", "description", "inputs", "outputs", "variants", "placement"]
        for key in mapping.keys.compactMap(\.string) where !known.contains(key) {
            problem(key, "is not a manifest key (known: \(known.sorted().joined(separator: ", ")))")
        }
        let name = string(mapping["name"], key: "name")
        if let name, name.isEmpty || name.contains("/") {
            problem("name", "\"\(name)\" must be a non-empty name without \"/\"")
        }
        let description = mapping["description"]?.string ?? ""
        let inputs = tensors(mapping["inputs"], key: "inputs")
        let outputs = tensors(mapping["outputs"], key: "outputs")
        let (variants, unavailable) = variants(mapping["variants"])
        let placement = placement(mapping["placement"])
        guard let name, !name.isEmpty, let inputs, let outputs, !variants.isEmpty else { return nil }
        return ModelManifest(
            name: name,
            description: description,
            inputs: inputs,
            outputs: outputs,
            variants: variants,
            placement: placement,
            file: file,
            unavailable: unavailable
        )
    }

    private mutating func problem(_ key: String, _ message: String) {
        problems.append(CatalogProblem(file: file, key: key, message: message))
    }

    private mutating func string(_ node: Node?, key: String) -> String? {
        guard let node else {
            problem(key, "is missing")
            return nil
        }
        guard let value = node.scalar?.string else {
            problem(key, "must be a string")
            return nil
        }
        return value
    }

    private mutating func number(_ node: Node?, key: String) -> Double? {
        guard let node else {
            problem(key, "is missing")
            return nil
        }
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            problem(key, "\"\(node.scalar?.string ?? "…")\" is not a number")
            return nil
        }
        return value
    }

    private mutating func tensors(_ node: Node?, key: String) -> [TensorSpec]? {
        guard let list = node?.sequence, !list.isEmpty else {
            problem(key, node == nil ? "is missing" : "must be a non-empty list of tensors (name, datatype, shape)")
            return nil
        }
        var specs: [TensorSpec] = []
        var names = Set<String>()
        var broken = false
        for (index, item) in list.enumerated() {
            let itemKey = "\(key)[\(index)]"
            guard let tensor = item.mapping else {
                problem(itemKey, "must be a mapping with name, datatype and shape")
                broken = true
                continue
            }
            let name = string(tensor["name"], key: "\(itemKey).name")
            let datatypeText = string(tensor["datatype"], key: "\(itemKey).datatype")
            let datatype = datatypeText.flatMap(TensorDataType.init(rawValue:))
            if let datatypeText, datatype == nil {
                let known = TensorDataType.allCases.map(\.rawValue).joined(separator: ", ")
                problem(
                    "\(itemKey).datatype", "\"\(datatypeText)\" is not an Open Inference Protocol datatype (\(known))")
            }
            let shape = self.shape(tensor["shape"], key: "\(itemKey).shape")
            if let name, !names.insert(name).inserted {
                problem("\(itemKey).name", "\"\(name)\" is used twice")
                broken = true
            }
            guard let name, let datatype, let shape else {
                broken = true
                continue
            }
            let smallest = shape.map { $0 == -1 ? 1 : $0 }
            if let refusal = limits.tensors.refusal(shape: smallest, datatype: datatype) {
                problem("\(itemKey).shape", shape.contains(-1) ? "\(refusal) (with -1 taken as 1)" : refusal)
                broken = true
                continue
            }
            specs.append(TensorSpec(name: name, datatype: datatype, shape: shape))
        }
        return broken ? nil : specs
    }

    private mutating func shape(_ node: Node?, key: String) -> [Int]? {
        guard let list = node?.sequence else {
            problem(key, node == nil ? "is missing" : "must be a list of dimensions, -1 for any size")
            return nil
        }
        var dimensions: [Int] = []
        for item in list {
            guard let text = item.scalar?.string, let dimension = Int(text), dimension == -1 || dimension > 0 else {
                problem(
                    key, "\"\(item.scalar?.string ?? "…")\" is not a dimension (a size of 1 or more, or -1 for any)")
                return nil
            }
            dimensions.append(dimension)
        }
        return dimensions
    }

    private mutating func variants(_ node: Node?) -> ([VariantManifest], [UnavailableVariant]) {
        guard let list = node?.sequence, !list.isEmpty else {
            problem("variants", node == nil ? "is missing" : "must be a non-empty list, preferred variant first")
            return ([], [])
        }
        var variants: [VariantManifest] = []
        var unavailable: [UnavailableVariant] = []
        var names = Set<String>()
        for (index, item) in list.enumerated() {
            let key = "variants[\(index)]"
            guard let variant = item.mapping else {
                problem(key, "must be a mapping with name, runtime, service_ms and memory_mb")
                continue
            }
            let before = problems.count
            let name = string(variant["name"], key: "\(key).name")
            if let name, !names.insert(name).inserted {
                problem("\(key).name", "\"\(name)\" is used twice")
            }
            let runtimeText = string(variant["runtime"], key: "\(key).runtime")
            let runtime = runtimeText.flatMap(RuntimeKind.init(rawValue:))
            if let runtimeText, runtime == nil {
                problem("\(key).runtime", "\"\(runtimeText)\" is not a runtime (onnxruntime, synthetic)")
            }
            var path: String?
            if runtime == .onnxruntime, let file = string(variant["file"], key: "\(key).file") {
                let resolved = file.hasPrefix("/") ? file : folder + "/" + file
                if FileManager.default.fileExists(atPath: resolved) {
                    path = resolved
                } else {
                    problem("\(key).file", "\"\(file)\" not found (looked for \(resolved))")
                }
            }
            let service = number(variant["service_ms"], key: "\(key).service_ms")
            if let service, service < 0 {
                problem(
                    "\(key).service_ms", "\(service) is negative (0 is allowed: a synthetic variant that does no work)")
            }
            if let service, service > limits.maximumServiceMilliseconds {
                problem(
                    "\(key).service_ms",
                    "\(service) is more than the limit of \(limits.maximumServiceMilliseconds) ms (is it in milliseconds?)"
                )
            }
            let memory = number(variant["memory_mb"], key: "\(key).memory_mb")
            if let memory, memory < 0 {
                problem("\(key).memory_mb", "\(memory) is negative")
            }
            if let memory, memory > limits.maximumMemoryMegabytes {
                problem("\(key).memory_mb", "\(memory) is more than the limit of \(limits.maximumMemoryMegabytes) MB")
            }
            var accuracy: Double?
            if let node = variant["accuracy"] {
                accuracy = number(node, key: "\(key).accuracy")
                if let value = accuracy, !(0...1).contains(value) {
                    problem("\(key).accuracy", "\(value) is not between 0 and 1")
                }
            }
            guard problems.count == before, let name, let runtime, let service, let memory else {
                if let name {
                    let reason = problems[before...].map(\.description).joined(separator: "; ")
                    unavailable.append(UnavailableVariant(name: name, rung: index, reason: reason))
                }
                continue
            }
            variants.append(
                VariantManifest(
                    name: name,
                    runtime: runtime,
                    path: path,
                    accuracy: accuracy,
                    serviceTime: .nanoseconds(Int64(service * 1_000_000)),
                    memoryMegabytes: memory
                )
            )
        }
        return (variants, unavailable)
    }

    private mutating func placement(_ node: Node?) -> PlacementHints {
        guard let node else { return PlacementHints() }
        guard let mapping = node.mapping else {
            problem("placement", "must be a mapping with domains and preload")
            return PlacementHints()
        }
        var hints = PlacementHints()
        if let domains = mapping["domains"]?.scalar?.string {
            if domains == "all" {
                hints.domains = .all
            } else if let count = Int(domains), count > 0 {
                hints.domains = .count(count)
            } else {
                problem("placement.domains", "\"\(domains)\" is neither all nor a number of domains")
            }
        }
        if let preload = mapping["preload"]?.scalar?.string {
            switch preload {
            case "true", "yes": hints.preload = true
            case "false", "no": hints.preload = false
            default: problem("placement.preload", "\"\(preload)\" is not true or false")
            }
        }
        return hints
    }
}
