/// Reading node ids off the wire, where a bad one is a bad field.
extension NodeID {
    /// The node `name` names; throws `invalidField` naming the field by
    /// `path` (`plan: routes[2].node`) and the reason.
    init(wireName name: String, at path: String) throws(ClusterError) {
        do {
            try self.init(name)
        } catch {
            throw ClusterError(.invalidField, "\(path): \(error.message)")
        }
    }
}
