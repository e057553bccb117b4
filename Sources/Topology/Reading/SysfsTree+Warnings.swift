extension SysfsTree {
    /// Reads a fact about one object (a CPU, a core, a cache, a node, a
    /// device) with `read`; if the file exists but cannot be read, records a
    /// warning that says what is assumed instead and returns nil, so the read
    /// of the machine goes on (hwloc's rule: an unreadable `online` is
    /// online, an unreadable id is unknown).
    func perObjectFact<Fact>(
        assuming assumption: String,
        _ read: @autoclosure () throws(TopologyError) -> Fact?
    ) -> Fact? {
        do {
            return try read()
        } catch {
            warnings.append(TopologyWarning(problem: error, assumption: assumption))
            return nil
        }
    }
}
