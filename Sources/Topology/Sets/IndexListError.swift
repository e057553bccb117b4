/// A Linux cpulist, nodelist or hex mask that could not be read.
public struct IndexListError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong with it, e.g. `range "0-" has no end`.
    public var reason: String

    /// `"text" is not a valid list: reason`.
    public var description: String {
        "\"\(text.escapedForMessage)\" is not a valid list: \(reason)"
    }
}

extension String {
    /// The text with control characters (newlines, NULs) shown as escapes, so
    /// that a message quoting a file's content stays on one line.
    var escapedForMessage: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\0": result += "\\0"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
