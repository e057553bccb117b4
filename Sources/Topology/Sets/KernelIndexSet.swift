/// What a ``KernelIndexSet`` counts: CPUs or NUMA nodes. The phantom type keeps
/// a CPU set and a node set from ever being mixed up, while both share one
/// implementation.
public protocol KernelIndexKind: Sendable {
    /// The word used in messages: "CPU" or "node".
    static var noun: String { get }
}

/// Marks sets of kernel CPU numbers (the `P#` of a processing unit).
public enum CPUIndexKind: KernelIndexKind {
    /// "CPU".
    public static var noun: String { "CPU" }
}

/// Marks sets of kernel NUMA node numbers.
public enum NodeIndexKind: KernelIndexKind {
    /// "node".
    public static var noun: String { "node" }
}

/// A set of kernel CPU numbers, read and written as a Linux cpulist (`0-3,8`).
public typealias CPUSet = KernelIndexSet<CPUIndexKind>

/// A set of kernel NUMA node numbers, read and written as a Linux nodelist.
public typealias NodeSet = KernelIndexSet<NodeIndexKind>

/// A set of small non-negative kernel numbers stored as a bitmap.
///
/// Invariant: `words` has no trailing zero word, so equal sets have equal
/// storage and `==`/`hash` can compare words directly.
public struct KernelIndexSet<Kind: KernelIndexKind>: Hashable, Sendable {
    /// The highest number a set may hold: the kernel's largest `NR_CPUS`
    /// (8192) with room to spare; anything larger in a sysfs file is garbage.
    public static var limit: Int { 65_536 }

    private(set) var words: [UInt64]

    /// The empty set.
    public init() {
        words = []
    }

    /// The set of the given numbers; each must be in `0..<limit`.
    public init(_ indices: some Sequence<Int>) {
        words = []
        for index in indices {
            insert(index)
        }
    }

    /// How many numbers the set holds.
    /// - Complexity: O(words)
    public var count: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// The smallest number in the set.
    public var first: Int? {
        for (wordIndex, word) in words.enumerated() where word != 0 {
            return wordIndex * 64 + word.trailingZeroBitCount
        }
        return nil
    }

    /// The largest number in the set.
    public var last: Int? {
        guard let word = words.last else { return nil }
        return (words.count - 1) * 64 + (63 - word.leadingZeroBitCount)
    }

    private mutating func trim() {
        while let word = words.last, word == 0 {
            words.removeLast()
        }
    }
}

extension KernelIndexSet: SetAlgebra {
    /// Kernel numbers.
    public typealias Element = Int

    /// The set of the listed numbers.
    public init(arrayLiteral elements: Int...) {
        self.init(elements)
    }

    /// Whether it holds no number.
    /// - Complexity: O(1)
    public var isEmpty: Bool { words.isEmpty }

    /// - Complexity: O(1)
    public func contains(_ member: Int) -> Bool {
        guard member >= 0 else { return false }
        let wordIndex = member / 64
        return wordIndex < words.count && words[wordIndex] & (1 << UInt64(member % 64)) != 0
    }

    /// Adds a number in `0..<limit`.
    /// - Complexity: amortized O(1)
    @discardableResult
    public mutating func insert(_ newMember: Int) -> (inserted: Bool, memberAfterInsert: Int) {
        precondition(newMember >= 0 && newMember < Self.limit, "\(Kind.noun) \(newMember) is outside 0..<\(Self.limit)")
        let wordIndex = newMember / 64
        if wordIndex >= words.count {
            words.append(contentsOf: repeatElement(0, count: wordIndex - words.count + 1))
        }
        let bit: UInt64 = 1 << UInt64(newMember % 64)
        let inserted = words[wordIndex] & bit == 0
        words[wordIndex] |= bit
        return (inserted, newMember)
    }

    /// Removes a number; nil if it was not there.
    @discardableResult
    public mutating func remove(_ member: Int) -> Int? {
        guard contains(member) else { return nil }
        words[member / 64] &= ~(1 << UInt64(member % 64))
        trim()
        return member
    }

    /// Adds a number; returns it if it was there already.
    @discardableResult
    public mutating func update(with newMember: Int) -> Int? {
        insert(newMember).inserted ? nil : newMember
    }

    /// The numbers in either set.
    /// - Complexity: O(words)
    public func union(_ other: Self) -> Self {
        var result = self
        result.formUnion(other)
        return result
    }

    /// The numbers in both sets.
    /// - Complexity: O(words)
    public func intersection(_ other: Self) -> Self {
        var result = self
        result.formIntersection(other)
        return result
    }

    /// The numbers in exactly one of the sets.
    /// - Complexity: O(words)
    public func symmetricDifference(_ other: Self) -> Self {
        var result = self
        result.formSymmetricDifference(other)
        return result
    }

    /// The numbers in this set and not in `other`.
    /// - Complexity: O(words)
    public func subtracting(_ other: Self) -> Self {
        var result = self
        result.subtract(other)
        return result
    }

    /// Adds the numbers of `other`.
    /// - Complexity: O(words)
    public mutating func formUnion(_ other: Self) {
        if other.words.count > words.count {
            words.append(contentsOf: repeatElement(0, count: other.words.count - words.count))
        }
        for index in other.words.indices {
            words[index] |= other.words[index]
        }
    }

    /// Keeps the numbers also in `other`.
    /// - Complexity: O(words)
    public mutating func formIntersection(_ other: Self) {
        if words.count > other.words.count {
            words.removeLast(words.count - other.words.count)
        }
        for index in words.indices {
            words[index] &= other.words[index]
        }
        trim()
    }

    /// Keeps the numbers in exactly one of the sets.
    /// - Complexity: O(words)
    public mutating func formSymmetricDifference(_ other: Self) {
        if other.words.count > words.count {
            words.append(contentsOf: repeatElement(0, count: other.words.count - words.count))
        }
        for index in other.words.indices {
            words[index] ^= other.words[index]
        }
        trim()
    }

    /// Removes the numbers of `other`.
    /// - Complexity: O(words)
    public mutating func subtract(_ other: Self) {
        for index in 0..<Swift.min(words.count, other.words.count) {
            words[index] &= ~other.words[index]
        }
        trim()
    }

    /// Whether every number is also in `other`.
    /// - Complexity: O(words)
    public func isSubset(of other: Self) -> Bool {
        guard words.count <= other.words.count else { return false }
        return words.indices.allSatisfy { words[$0] & ~other.words[$0] == 0 }
    }

    /// Whether no number is in both.
    /// - Complexity: O(words)
    public func isDisjoint(with other: Self) -> Bool {
        (0..<Swift.min(words.count, other.words.count)).allSatisfy { words[$0] & other.words[$0] == 0 }
    }

    /// Whether every number of `other` is here.
    /// - Complexity: O(words)
    public func isSuperset(of other: Self) -> Bool {
        other.isSubset(of: self)
    }
}

extension KernelIndexSet: Sequence {
    /// Walks the numbers in ascending order.
    public struct Iterator: IteratorProtocol {
        private let words: [UInt64]
        private var wordIndex = 0
        private var remaining: UInt64

        init(words: [UInt64]) {
            self.words = words
            remaining = words.first ?? 0
        }

        /// The next number, ascending.
        public mutating func next() -> Int? {
            while remaining == 0 {
                wordIndex += 1
                guard wordIndex < words.count else { return nil }
                remaining = words[wordIndex]
            }
            let bit = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return wordIndex * 64 + bit
        }
    }

    /// Walks the numbers in ascending order.
    public func makeIterator() -> Iterator {
        Iterator(words: words)
    }

    /// The exact count.
    public var underestimatedCount: Int { count }
}

extension KernelIndexSet: Comparable {
    /// Orders sets by their smallest member, then by the next differing member:
    /// the display order hwloc gives objects (by first PU).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?) where l != r: return l < r
            default: continue
            }
        }
    }
}

extension KernelIndexSet: CustomStringConvertible {
    /// The Linux list form, e.g. `0-3,8,10-11`; empty for the empty set.
    public var description: String { linuxList }
}
