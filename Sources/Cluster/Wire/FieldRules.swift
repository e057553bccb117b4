/// The field limits docs/cluster-protocol.md lists, as checks that throw
/// `invalidField` naming the field by its path in the schema
/// (`demand.models[2].classes[0].arrivals_per_second`) and its value.
struct FieldRules {
    /// The limits in force.
    let limits: WireLimits
    /// What the message is, for the error (`node report from "edge-1"`).
    let subject: String

    func fail(_ path: String, _ problem: String) -> ClusterError {
        ClusterError(.invalidField, "\(subject): \(path) \(problem)")
    }

    /// A model, variant or class name: 1 to `maximumNameBytes` bytes.
    func name(_ value: String, at path: String, allowEmpty: Bool = false) throws(ClusterError) {
        guard allowEmpty || !value.isEmpty else { throw fail(path, "is empty; a name must be 1 or more bytes") }
        guard value.utf8.count <= limits.maximumNameBytes else {
            throw fail(path, "is \(value.utf8.count) bytes, more than the \(limits.maximumNameBytes) allowed")
        }
    }

    /// A CURVE public key: none, or its 32 bytes.
    func publicKey(_ key: [UInt8], at path: String) throws(ClusterError) {
        guard key.isEmpty || key.count == WireLimits.publicKeyBytes else {
            throw fail(path, "is \(key.count) bytes; it must be empty or \(WireLimits.publicKeyBytes) bytes")
        }
    }

    /// A list of at most `maximumEntries` entries.
    func count(_ count: Int, at path: String) throws(ClusterError) {
        guard count <= limits.maximumEntries else {
            throw fail(path, "has \(count) entries, more than the \(limits.maximumEntries) allowed")
        }
    }

    /// A rate, time or amount: finite and at least 0.
    func nonNegative(_ value: Double, at path: String) throws(ClusterError) {
        guard value.isFinite, value >= 0 else { throw fail(path, "is \(value); it must be finite and at least 0") }
    }

    /// A share or utilisation: finite, 0 to 1.
    func fraction(_ value: Double, at path: String) throws(ClusterError) {
        guard value.isFinite, (0...1).contains(value) else {
            throw fail(path, "is \(value); it must be between 0 and 1")
        }
    }

    /// A count the schema carries unsigned: at least 0 and at most `maximum`.
    func whole(_ value: Int, at path: String, maximum: Int) throws(ClusterError) {
        guard (0...maximum).contains(value) else { throw fail(path, "is \(value); it must be 0 to \(maximum)") }
    }

    /// Names that must not repeat within one list.
    func unique<Key: Hashable>(_ keys: [Key], at path: String) throws(ClusterError) {
        var seen = Set<Key>()
        for (index, key) in keys.enumerated() where !seen.insert(key).inserted {
            throw fail("\(path)[\(index)]", "repeats \(key), given earlier in the list")
        }
    }
}
