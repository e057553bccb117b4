/// Reading counts off the wire, where protobuf carries them unsigned.
extension Int {
    /// `value` as an `Int`; throws `invalidField` naming the field by `path`
    /// when it is past what an `Int` holds.
    init(wireCount value: UInt64, at path: String) throws(ClusterError) {
        guard let count = Int(exactly: value) else {
            throw ClusterError(.invalidField, "\(path) is \(value), more than \(Int.max)")
        }
        self = count
    }
}
