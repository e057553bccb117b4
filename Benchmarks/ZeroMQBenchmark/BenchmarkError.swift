/// A benchmark failure or a usage mistake, with the thing and the value named.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
