public import Topology

/// How the agent carves a machine into execution domains and workers.
/// Every field has the default an operator gets without configuration.
public struct PlacementPolicy: Hashable, Sendable {
    /// What one execution domain is.
    public enum DomainGranularity: String, CaseIterable, Hashable, Sendable {
        /// One domain per package (socket).
        case socket
        /// One domain per NUMA node that has CPUs.
        case numa
    }

    /// How many workers a core gets.
    public enum SMTPolicy: String, CaseIterable, Hashable, Sendable {
        /// One worker per physical core, pinned to all its allowed PUs.
        case core
        /// One worker per PU (hardware thread).
        case thread
    }

    /// Where a domain's workers allocate memory.
    public enum MemoryPolicy: String, CaseIterable, Hashable, Sendable {
        /// Only on the domain's nodes (`MPOL_BIND`).
        case bind
        /// On the domain's first node while it has room (`MPOL_PREFERRED`).
        case preferred
        /// Spread page by page over the domain's nodes (`MPOL_INTERLEAVE`).
        case interleave
        /// The kernel's default (local allocation), nothing set.
        case none
    }

    /// CPUs kept for the agent's own I/O and control threads.
    public enum Reserve: Hashable, Sendable {
        /// One core on the first package when 4 or more cores are allowed,
        /// none otherwise.
        case automatic
        /// No reserved CPU.
        case none
        /// Exactly these CPUs.
        case cpus(CPUSet)
        /// This many whole cores, taken as ``ExecutionPlan`` documents.
        case cores(Int)
    }

    /// What one execution domain is.
    public var domain: DomainGranularity
    /// How many workers a core gets.
    public var smt: SMTPolicy
    /// CPUs kept for the agent itself.
    public var reserve: Reserve
    /// Where workers allocate.
    public var memory: MemoryPolicy

    /// A policy; every default is what an unconfigured agent uses.
    public init(
        domain: DomainGranularity = .socket,
        smt: SMTPolicy = .core,
        reserve: Reserve = .automatic,
        memory: MemoryPolicy = .bind
    ) {
        self.domain = domain
        self.smt = smt
        self.reserve = reserve
        self.memory = memory
    }
}

extension PlacementPolicy.Reserve: CustomStringConvertible {
    /// Reads a reserve as written in configuration and on the command line:
    /// `auto`, `none`, `cores:N`, or a cpulist (`0`, `0,32`, `cpus:0-1`).
    public init(parsing text: String) throws(PlacementError) {
        switch text {
        case "auto", "automatic": self = .automatic
        case "none", "": self = .none
        case _ where text.hasPrefix("cores:"):
            guard let count = Int(text.dropFirst("cores:".count)), count > 0 else {
                throw PlacementError(
                    .invalidPolicy(key: "reserve"),
                    "reserve: \"\(text)\" is not a count of cores; write cores:N with N of 1 or more"
                )
            }
            self = .cores(count)
        default:
            let list = text.hasPrefix("cpus:") ? String(text.dropFirst("cpus:".count)) : text
            do {
                self = .cpus(try CPUSet(linuxList: list))
            } catch {
                throw PlacementError(
                    .invalidPolicy(key: "reserve"),
                    "reserve: \"\(text)\" is neither auto, none, cores:N nor a CPU list (\(error.reason))"
                )
            }
        }
    }

    /// The form ``init(parsing:)`` reads.
    public var description: String {
        switch self {
        case .automatic: "auto"
        case .none: "none"
        case .cpus(let cpus): "cpus:\(cpus)"
        case .cores(let count): "cores:\(count)"
        }
    }
}

/// A word-valued policy setting (`socket`, `thread`, `interleave`, …).
public protocol PolicyWord: RawRepresentable, CaseIterable, Sendable where RawValue == String {}

extension PolicyWord {
    /// Reads the word, naming the key and the accepted words when it is none of them.
    public init(parsing text: String, key: String) throws(PlacementError) {
        guard let word = Self(rawValue: text) else {
            let words = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw PlacementError(.invalidPolicy(key: key), "\(key): \"\(text)\" is not one of \(words)")
        }
        self = word
    }
}

extension PlacementPolicy.DomainGranularity: PolicyWord {}
extension PlacementPolicy.SMTPolicy: PolicyWord {}
extension PlacementPolicy.MemoryPolicy: PolicyWord {}
