extension DistanceMatrix {
    /// The matrix as right-aligned text rows, a header of node numbers first
    /// (with `corner` above the row labels): what text output and the SVG
    /// legend both print.
    func tableLines(corner: String) -> [String] {
        let width = max(4, (nodes.map { String($0.rawValue).count }.max() ?? 1) + 2)
        func cell(_ text: String) -> String {
            TextColumns.pad(text, to: width, .right)
        }
        var lines = [cell(corner) + nodes.map { cell(String($0.rawValue)) }.joined()]
        for node in nodes {
            lines.append(cell(String(node.rawValue)) + (row(of: node) ?? []).map { cell(String($0)) }.joined())
        }
        return lines
    }
}
