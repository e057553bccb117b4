/// Typed reads of the attribute formats sysfs and procfs use. Each returns nil
/// when the file does not exist and throws, naming the file and quoting it,
/// when the file exists but does not hold what the kernel writes there.
/// Lists, masks and numbers are parsed from the bytes as read, without
/// building strings: these are the reads done thousands of times.
extension SysfsTree {
    /// A Linux list (`0-3,8`) of numbers below `limit`.
    func indexList<Kind>(
        _ relative: String,
        below limit: Int,
        limitSource: String,
        uniform: Bool = false
    ) throws(TopologyError) -> KernelIndexSet<Kind>? {
        try withContent(relative, uniform: uniform) { bytes throws(TopologyError) in
            let set: KernelIndexSet<Kind>
            do throws(IndexListError) {
                set = try KernelIndexSet<Kind>(linuxListBytes: bytes)
            } catch {
                throw malformed(relative, bytes, "is not a \(Kind.noun) list: \(error.reason)")
            }
            try checkBelow(limit, set, relative, bytes, limitSource)
            return set
        }
    }

    /// A Linux hex mask (`000000ff,00000000`) of numbers below `limit`.
    func indexMask<Kind>(
        _ relative: String,
        below limit: Int,
        limitSource: String,
        uniform: Bool = false
    ) throws(TopologyError) -> KernelIndexSet<Kind>? {
        try withContent(relative, uniform: uniform) { bytes throws(TopologyError) in
            let set: KernelIndexSet<Kind>
            do throws(IndexListError) {
                set = try KernelIndexSet<Kind>(linuxMaskBytes: bytes)
            } catch {
                throw malformed(relative, bytes, "is not a \(Kind.noun) mask: \(error.reason)")
            }
            try checkBelow(limit, set, relative, bytes, limitSource)
            return set
        }
    }

    /// The first of `lists` that exists, else the first of `masks` that
    /// exists: newer kernels write `…_list` files, older ones only masks.
    /// The names are uniform attributes (see ``withContent(_:uniform:_:)``).
    func cpus(lists: [String], masks: [String], below limit: Int, limitSource: String) throws(TopologyError) -> CPUSet?
    {
        for relative in lists {
            if let set: CPUSet = try indexList(relative, below: limit, limitSource: limitSource, uniform: true) {
                return set
            }
        }
        for relative in masks {
            if let set: CPUSet = try indexMask(relative, below: limit, limitSource: limitSource, uniform: true) {
                return set
            }
        }
        return nil
    }

    /// A decimal integer such as `core_id` or `numa_node` (may be negative).
    func integer(_ relative: String, uniform: Bool = false) throws(TopologyError) -> Int? {
        try withContent(relative, uniform: uniform) { bytes throws(TopologyError) in
            guard let value = Self.decimal(bytes, 0..<CPUSet.endWithoutPadding(bytes)) else {
                throw malformed(relative, bytes, "is not an integer")
            }
            return value
        }
    }

    /// The largest kernel id (`core_id`, `physical_package_id`, `die_id`)
    /// plus one: the kernel writes them as C `int`s.
    static let idLimit = Int(Int32.max) + 1

    /// A kernel id such as `core_id` or a device's `numa_node`: nil where the
    /// file does not exist or holds a negative number (the kernel's "none").
    /// An id at or past `limit` is not one the kernel writes.
    func osIndex(_ relative: String, uniform: Bool = false, below limit: Int = idLimit) throws(TopologyError)
        -> OSIndex?
    {
        try withContent(relative, uniform: uniform) { bytes throws(TopologyError) -> OSIndex? in
            guard let value = Self.decimal(bytes, 0..<CPUSet.endWithoutPadding(bytes)) else {
                throw malformed(relative, bytes, "is not an integer")
            }
            guard value < limit else {
                throw malformed(relative, bytes, "is not an id from -1 to \(limit - 1)")
            }
            return value >= 0 ? OSIndex(value) : nil
        } ?? nil
    }

    /// A `0x`-prefixed hexadecimal value such as a PCI `class` or `vendor`.
    func hexInteger(_ relative: String, maxDigits: Int) throws(TopologyError) -> UInt32? {
        guard let content = try text(relative) else { return nil }
        var digits = Substring(content.trimmingPadding)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
        }
        guard !digits.isEmpty, digits.count <= maxDigits, let value = UInt32(digits, radix: 16) else {
            throw TopologyError(
                .malformed, path: path(relative), content: content,
                detail: "is not a hexadecimal number of at most \(maxDigits) digits")
        }
        return value
    }

    /// The largest cache size taken as true, in bytes (1 TiB, thousands of
    /// times today's largest L3): anything larger is garbage.
    static let cacheSizeLimit: UInt64 = 1 << 40

    /// A cache `size` such as `32K` or `1024K` (sysfs writes kibibytes; M and G
    /// are accepted too), in bytes, below ``cacheSizeLimit``.
    func cacheSize(_ relative: String) throws(TopologyError) -> UInt64? {
        try withContent(relative) { bytes throws(TopologyError) in
            var end = CPUSet.endWithoutPadding(bytes)
            var multiplier: UInt64 = 1
            if end > 0 {
                switch bytes[end - 1] {
                case UInt8(ascii: "K"): multiplier = 1 << 10
                case UInt8(ascii: "M"): multiplier = 1 << 20
                case UInt8(ascii: "G"): multiplier = 1 << 30
                default: break
                }
                if multiplier > 1 { end -= 1 }
            }
            guard let value = Self.decimal(bytes, 0..<end), value >= 0 else {
                throw malformed(relative, bytes, "is not a cache size such as \"32K\"")
            }
            let (size, overflow) = UInt64(value).multipliedReportingOverflow(by: multiplier)
            guard !overflow, size < Self.cacheSizeLimit else {
                throw malformed(relative, bytes, "is larger than any cache (the limit is 1 TiB)")
            }
            return size
        }
    }

    /// The `MemTotal` line of a meminfo file (`MemTotal: 16384 kB` or, per
    /// node, `Node 0 MemTotal: 16384 kB`), in bytes, below 1 PiB.
    func memTotal(_ relative: String) throws(TopologyError) -> UInt64? {
        try withContent(relative) { bytes throws(TopologyError) -> UInt64 in
            guard let label = Self.firstRange(of: Self.memTotalLabel, in: bytes) else {
                throw malformed(relative, bytes, "has no MemTotal line")
            }
            let lineEnd = bytes[label.upperBound...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let fields = bytes[label.upperBound..<lineEnd].split(separator: UInt8(ascii: " "))
            guard fields.count == 2, fields[1].elementsEqual("kB".utf8), fields[0].count <= 16,
                let kibibytes = UInt64(String(decoding: fields[0], as: UTF8.self)), kibibytes < (1 << 40)
            else {
                let lineStart = bytes[..<label.lowerBound].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                throw TopologyError(
                    .malformed, path: path(relative),
                    content: String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self),
                    detail: "MemTotal is not \"<number> kB\" below 1 PiB")
            }
            return kibibytes * 1024
        }
    }

    private static let memTotalLabel = Array("MemTotal:".utf8)

    /// Where `pattern` first occurs in `bytes`.
    private static func firstRange(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count)
        where bytes[start] == pattern[0] && bytes[start..<start + pattern.count].elementsEqual(pattern) {
            return start..<start + pattern.count
        }
        return nil
    }

    /// A line of decimal integers separated by spaces (a node's `distance`).
    func integers(_ relative: String) throws(TopologyError) -> [Int]? {
        guard let content = try text(relative) else { return nil }
        var values: [Int] = []
        for field in content.trimmingPadding.split(separator: " ") {
            guard let value = Int(field), value >= 0, value < (1 << 20) else {
                throw TopologyError(
                    .malformed, path: path(relative), content: content, detail: "\"\(field)\" is not a distance")
            }
            values.append(value)
        }
        return values
    }

    /// An optionally negative decimal number of at most 12 digits in `range`.
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var position = range.lowerBound
        let negative = position < range.upperBound && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard position < range.upperBound, range.upperBound - position <= 12 else { return nil }
        var value = 0
        for index in position..<range.upperBound {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    private func malformed(_ relative: String, _ bytes: UnsafeBufferPointer<UInt8>, _ detail: String) -> TopologyError {
        TopologyError(.malformed, path: path(relative), content: String(decoding: bytes, as: UTF8.self), detail: detail)
    }

    private func checkBelow<Kind>(
        _ limit: Int,
        _ set: KernelIndexSet<Kind>,
        _ relative: String,
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ limitSource: String
    ) throws(TopologyError) {
        if let last = set.last, last >= limit {
            throw TopologyError(
                .inconsistent,
                path: path(relative),
                content: String(decoding: bytes, as: UTF8.self),
                detail: "names \(Kind.noun) \(last), beyond \(limitSource)"
            )
        }
    }
}

extension String {
    /// The text without the trailing newline, spaces or NUL padding sysfs adds.
    var trimmingPadding: Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            guard [" ", "\n", "\t", "\0"].contains(self[previous]) else { break }
            end = previous
        }
        return self[startIndex..<end]
    }
}
