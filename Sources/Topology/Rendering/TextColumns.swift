/// Padding for the columns of the text tables every command prints (the
/// distance matrix, the plan, the model check, the simulator's and the load
/// generator's reports): one helper, so every table aligns the same way.
public enum TextColumns {
    /// Which side of its column a cell keeps to.
    public enum Alignment: Sendable {
        /// Text columns (names).
        case left
        /// Number columns, so digits line up.
        case right
    }

    /// `text` padded with spaces to `width`; text already as wide is kept whole.
    public static func pad(_ text: String, to width: Int, _ alignment: Alignment) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return alignment == .left ? text + fill : fill + text
    }

    /// A row: the first cell left-aligned, the others right-aligned, each to
    /// its width; `minimumGap` spaces at least before every right-aligned cell.
    public static func row(_ cells: [String], widths: [Int], minimumGap: Int = 0) -> String {
        zip(cells, widths).enumerated().map { index, column in
            let (cell, width) = column
            return index == 0
                ? pad(cell, to: width - minimumGap, .left) : pad(cell, to: max(width, cell.count + minimumGap), .right)
        }.joined()
    }
}
