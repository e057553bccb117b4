import Yams

/// A YAML value being read, with the path and position that name it in a
/// problem. A missing key is a node with `node == nil`, so defaults apply
/// without a special case at each call.
struct ConfigurationNode {
    /// The value, nil when the key is absent.
    let node: Node?
    /// The YAML path from the document's root, e.g. `classes[1].weight`.
    let path: String

    /// `line:column`, 1-based, when the parser knows it.
    var position: String? {
        node?.mark.map { "\($0.line):\($0.column)" }
    }

    /// Whether the key is absent or written as `null`, `~` or nothing.
    var isNull: Bool {
        guard let node else { return true }
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "null", "~", "Null", "NULL"].contains(scalar.string)
    }

    /// The text of a scalar, nil for a mapping or a list.
    var scalarText: String? {
        node?.scalar?.string
    }

    /// The value at `key` of this mapping; absent when this is not a mapping.
    subscript(key: String) -> ConfigurationNode {
        ConfigurationNode(node: node?.mapping?[key], path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The items of a list, each with its index in its path.
    var items: [ConfigurationNode] {
        (node?.sequence ?? []).enumerated().map { ConfigurationNode(node: $1, path: "\(path)[\($0)]") }
    }

    /// The keys of a mapping, as written.
    var keys: [String] {
        node?.mapping?.keys.compactMap(\.string) ?? []
    }

    /// How a value is quoted in a problem: its text, or what kind of node it is.
    var quoted: String {
        switch node {
        case .none: "nothing"
        case .some(.scalar(let scalar)): "\"\(scalar.string)\""
        case .some(.mapping): "a mapping"
        case .some(.sequence): "a list"
        case .some(.alias): "an alias"
        }
    }
}
