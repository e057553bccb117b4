extension KernelIndexSet {
    /// Reads a Linux list such as `0-3,8,10-11` (sysfs `cpulist`, `online`,
    /// `Cpus_allowed_list`). Trailing white space and NUL bytes are ignored
    /// (some kernels pad the file with NULs); an empty list is the empty set.
    public init(linuxList text: String) throws(IndexListError) {
        var text = text
        let parsed = text.withUTF8 { bytes in Result { () throws(IndexListError) in try Self(linuxListBytes: bytes) } }
        self = try parsed.get()
    }

    /// Reads a Linux hex mask such as `00000000,000000ff` (sysfs `cpumap`,
    /// `thread_siblings`): comma-separated 32-bit groups, most significant first.
    public init(linuxMask text: String) throws(IndexListError) {
        var text = text
        let parsed = text.withUTF8 { bytes in Result { () throws(IndexListError) in try Self(linuxMaskBytes: bytes) } }
        self = try parsed.get()
    }

    /// The Linux list form: ascending, runs of two or more as `a-b`.
    public var linuxList: String {
        var result = ""
        var iterator = makeIterator()
        guard var runStart = iterator.next() else { return result }
        var runEnd = runStart
        func appendRun() {
            if !result.isEmpty { result += "," }
            result += runStart == runEnd ? String(runStart) : String(runStart) + "-" + String(runEnd)
        }
        while let index = iterator.next() {
            if index == runEnd + 1 {
                runEnd = index
            } else {
                appendRun()
                runStart = index
                runEnd = index
            }
        }
        appendRun()
        return result
    }

    /// ``init(linuxList:)`` on raw bytes, as read from a file.
    init(linuxListBytes bytes: UnsafeBufferPointer<UInt8>) throws(IndexListError) {
        self.init()
        let end = Self.endWithoutPadding(bytes)
        guard end > 0 else { return }
        var itemStart = 0
        while itemStart <= end {
            var itemEnd = itemStart
            while itemEnd < end, bytes[itemEnd] != UInt8(ascii: ",") {
                itemEnd += 1
            }
            try insertListItem(bytes, itemStart..<itemEnd)
            itemStart = itemEnd + 1
        }
    }

    /// ``init(linuxMask:)`` on raw bytes, as read from a file.
    init(linuxMaskBytes bytes: UnsafeBufferPointer<UInt8>) throws(IndexListError) {
        self.init()
        let end = Self.endWithoutPadding(bytes)
        guard end > 0 else { return }
        var groupEnd = end
        var groupNumber = 0
        while true {
            var groupStart = groupEnd
            while groupStart > 0, bytes[groupStart - 1] != UInt8(ascii: ",") {
                groupStart -= 1
            }
            guard groupEnd > groupStart, groupEnd - groupStart <= 8 else {
                throw Self.error(
                    bytes, "mask group \"\(Self.text(bytes, groupStart..<groupEnd))\" is not 1 to 8 hex digits")
            }
            var value: UInt32 = 0
            for position in groupStart..<groupEnd {
                guard let digit = Self.hexDigit(bytes[position]) else {
                    throw Self.error(bytes, "\"\(Self.text(bytes, groupStart..<groupEnd))\" is not hexadecimal")
                }
                value = value << 4 | UInt32(digit)
            }
            while value != 0 {
                let index = groupNumber * 32 + value.trailingZeroBitCount
                guard index < Self.limit else {
                    throw Self.error(
                        bytes,
                        "mask sets \(Kind.noun) \(index), beyond the largest the kernel supports (\(Self.limit - 1))")
                }
                insert(index)
                value &= value - 1
            }
            guard groupStart > 0 else { return }
            groupEnd = groupStart - 1
            groupNumber += 1
        }
    }

    private mutating func insertListItem(_ bytes: UnsafeBufferPointer<UInt8>, _ item: Range<Int>) throws(IndexListError)
    {
        guard !item.isEmpty else {
            throw Self.error(bytes, "empty item between commas")
        }
        guard let dash = item.first(where: { bytes[$0] == UInt8(ascii: "-") }) else {
            insert(try Self.number(bytes, item))
            return
        }
        guard dash > item.lowerBound else {
            throw Self.error(bytes, "range \"\(Self.text(bytes, item))\" has no start")
        }
        guard dash + 1 < item.upperBound else {
            throw Self.error(bytes, "range \"\(Self.text(bytes, item))\" has no end")
        }
        let start = try Self.number(bytes, item.lowerBound..<dash)
        let end = try Self.number(bytes, (dash + 1)..<item.upperBound)
        guard start <= end else {
            throw Self.error(bytes, "range \"\(Self.text(bytes, item))\" runs backwards")
        }
        for index in start...end {
            insert(index)
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>) throws(IndexListError) -> Int
    {
        var value = 0
        for position in digits {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw error(bytes, "\"\(text(bytes, digits))\" is not a number")
            }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value < limit else {
                throw error(
                    bytes,
                    "\(Kind.noun) \(text(bytes, digits)) is beyond the largest the kernel supports (\(limit - 1))")
            }
        }
        return value
    }

    /// The length of `bytes` without the trailing newline, blanks or NULs.
    static func endWithoutPadding(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        while end > 0 {
            switch bytes[end - 1] {
            case UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "\t"), 0: end -= 1
            default: return end
            }
        }
        return end
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func error(_ bytes: UnsafeBufferPointer<UInt8>, _ reason: String) -> IndexListError {
        IndexListError(text: String(decoding: bytes, as: UTF8.self), reason: reason)
    }
}
