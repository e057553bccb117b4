/// What the scheduler reads of a priority class on every task, copied out of
/// the configuration once as plain values (reading a ``PriorityClass`` in
/// place would retain its name each time).
struct ClassRules: Sendable {
    /// Share of worker time among backlogged weighted classes.
    var weight: Double
    var strict: Bool
    var sheddable: Bool
    var maxQueue: Int
    /// The default timeout in nanoseconds; nil for none.
    var timeout: Int64?

    init(_ priorityClass: PriorityClass) {
        weight = Double(priorityClass.weight)
        strict = priorityClass.strict
        sheddable = priorityClass.sheddable
        maxQueue = priorityClass.maxQueue
        timeout = priorityClass.defaultTimeout?.nanoseconds
    }
}
