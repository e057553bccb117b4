public import Scheduling

/// A coordinator's newest report from each node, with the acceptance rules
/// every coordinator applies alike (docs/cluster-protocol.md, "What a
/// receiver drops"). A value: the owner feeds it decoded reports and clock
/// instants and counts the drop reasons it returns.
///
/// Invariant: each held report is the one with the highest sequence accepted
/// from its node since the node was last dropped.
public struct ReportBook: Sendable {
    /// A report and when it was accepted.
    public struct Entry: Sendable, Equatable {
        /// The report.
        public var report: NodeReport
        /// The instant `offer(_:at:)` accepted it.
        public var receivedAt: Instant
    }

    /// How many of a node's own intervals may pass without a report before
    /// `dropSilentNodes(at:)` drops it.
    public static let silentIntervals: Int64 = 3

    /// The nodes whose reports are accepted; nil accepts any node.
    public let allowedNodes: Set<NodeID>?
    /// The newest report from each node held.
    public private(set) var entries: [NodeID: Entry] = [:]

    /// An empty book accepting reports from `allowedNodes` (nil: from any node).
    public init(allowedNodes: Set<NodeID>? = nil) {
        self.allowedNodes = allowedNodes
    }

    /// Holds `report` as its node's newest, received at `now`; returns why it
    /// was dropped instead: `unknownNode` for a node outside the allow-list,
    /// `oldSequence` for a sequence not above the one held from that node (a
    /// repeat or a reordered older report).
    public mutating func offer(_ report: NodeReport, at now: Instant) -> DropReason? {
        if let allowedNodes, !allowedNodes.contains(report.node) {
            return .unknownNode
        }
        if let held = entries[report.node], report.sequence <= held.report.sequence {
            return .oldSequence
        }
        entries[report.node] = Entry(report: report, receivedAt: now)
        return nil
    }

    /// Drops every node whose last accepted report is at least three of its
    /// own intervals older than `now`, and returns them in id order. A node
    /// dropped starts afresh: its next report is accepted whatever its sequence
    /// (a restarted agent counts from 1 again).
    public mutating func dropSilentNodes(at now: Instant) -> [NodeID] {
        let silent = entries.filter { _, entry in
            let interval = Duration.milliseconds(Int64(entry.report.intervalMilliseconds))
            return now - entry.receivedAt >= interval * Self.silentIntervals
        }
        for node in silent.keys {
            entries[node] = nil
        }
        return silent.keys.sorted()
    }

    /// The held reports in node id order: the planner's input.
    public var reports: [NodeReport] {
        entries.sorted { $0.key < $1.key }.map(\.value.report)
    }
}
