/// Relative memory access costs between NUMA nodes (ACPI SLIT): 10 is local.
///
/// Invariant: `values.count == nodes.count * nodes.count`, row-major in the
/// order of `nodes`.
public struct DistanceMatrix: Hashable, Sendable {
    /// The nodes, in row and column order.
    public let nodes: [OSIndex]
    private let values: [Int]

    /// A matrix of `rows[i][j]`, the distance from `nodes[i]` to `nodes[j]`.
    public init(nodes: [OSIndex], rows: [[Int]]) {
        precondition(
            rows.count == nodes.count && rows.allSatisfy { $0.count == nodes.count }, "distance matrix is not square")
        self.nodes = nodes
        self.values = rows.flatMap { $0 }
    }

    /// The distance from one node to another, or nil if either is not in the matrix.
    public func distance(from source: OSIndex, to destination: OSIndex) -> Int? {
        guard let row = nodes.firstIndex(of: source), let column = nodes.firstIndex(of: destination) else {
            return nil
        }
        return values[row * nodes.count + column]
    }

    /// The distances from `node` to every node, in `nodes` order.
    public func row(of node: OSIndex) -> [Int]? {
        guard let row = nodes.firstIndex(of: node) else { return nil }
        return Array(values[(row * nodes.count)..<((row + 1) * nodes.count)])
    }
}
