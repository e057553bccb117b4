import Foundation
import TestFixtures
import Testing

/// Overflow routing on a real site on loopback: two coordinators and three
/// agents, one of them a slow gateway loaded at twice what it can serve.
/// With the site's routes its overflow goes to the fast peers and is
/// answered in time; without them (the same gateway serving alone) it is
/// refused. The figures of both runs are printed side by side.
@Suite(.serialized)
struct ClusterRoutingTests {
    /// Reports and plans every 250 ms.
    static let interval = 0.25
    /// The slow gateway's one worker runs the model in 8 ms (125 requests/s);
    /// the fast ones' in 2 ms.
    static let slowMilliseconds = 8.0
    static let fastMilliseconds = 2.0
    /// Twice the slow gateway's capacity.
    static let rate = 2 * 1000 / slowMilliseconds

    @Test func anOverloadedAgentsOverflowIsRoutedToItsPeersWithinThreeIntervalsAndAnsweredInTime() throws {
        let site = try CoordinatorSiteTests.Site()
        let coordinators = try ["coordinator-a", "coordinator-b"].map { id in
            try site.coordinator(
                id, interval: "\(Int(Self.interval * 1000))ms", takeover: "\(Int(Self.interval * 4000))ms",
                models: Self.plannedModel)
        }
        let slowModels = try Self.models(named: "routing-slow", milliseconds: Self.slowMilliseconds)
        let fastModels = try Self.models(named: "routing-fast", milliseconds: Self.fastMilliseconds)
        // The slow gateway's worker on CPU 1, the fast ones' on CPU 0.
        let fast = try ["gw-fast.1", "gw-fast.2"].map { node in
            try AgentProcess([
                "--config",
                try site.agentConfiguration(
                    node, interval: "\(Int(Self.interval * 1000))ms",
                    settings: "placement: {reserve: \"1\"}\nmodels: {folder: \(fastModels)}"),
            ])
        }
        let slow = try AgentProcess([
            "--config",
            try site.agentConfiguration(
                "gw-slow", interval: "\(Int(Self.interval * 1000))ms",
                settings: "placement: {reserve: \"0\"}\nmodels: {folder: \(slowModels)}"),
        ])
        defer {
            (coordinators + fast + [slow]).forEach { $0.kill() }
        }
        for agent in fast + [slow] {
            #expect(agent.waitUntilServing() != nil, "an agent did not start: \(agent.output)")
        }
        let (http, _, _) = try #require(slow.waitUntilServing())
        #expect(slow.waitForLog("from coordinator-a:", timeout: .seconds(10)), "\(slow.output)")
        let epochAtStart = try #require(CoordinatorSiteTests.epochs(from: "coordinator-a", in: slow.output).max())

        let routed = try Self.load(http)
        let firstRouted = try #require(
            Self.routedEpochs(in: slow.output).first { $0 > epochAtStart },
            "no plan routed the slow gateway's overflow: \(slow.output)")
        print(
            "routing: the first plan with a route from gw-slow is epoch \(firstRouted), "
                + "\(firstRouted - epochAtStart) intervals after the load began at epoch \(epochAtStart)")
        #expect(firstRouted - epochAtStart <= 3, "within 3 intervals")
        slow.kill()

        let alone = try AgentProcess([
            "--config",
            try TemporaryFiles.configuration(
                named: "routing-alone", "placement: {reserve: \"0\"}\nmodels: {folder: \(slowModels)}\n"),
        ])
        defer { alone.kill() }
        let (aloneHTTP, _, _) = try #require(alone.waitUntilServing(), "\(alone.output)")
        let unrouted = try Self.load(aloneHTTP)

        print("routing: \(Int(Self.rate))/s at the slow gateway (twice its capacity), 8 s each")
        print("routing: mode      critical on time   standard on time   total on time   goodput/s")
        for (mode, report) in [("routes", routed), ("alone", unrouted)] {
            print(
                "routing: \(mode.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                    + "\(Self.percent(report.critical).padding(toLength: 18, withPad: " ", startingAt: 0)) "
                    + "\(Self.percent(report.standard).padding(toLength: 18, withPad: " ", startingAt: 0)) "
                    + "\(Self.percent(report.total).padding(toLength: 15, withPad: " ", startingAt: 0)) "
                    + String(format: "%.1f", report.total.goodput))
        }
        #expect(routed.critical.onTime >= 0.99, "the critical class stays within its deadline: \(routed)")
        #expect(routed.total.onTime >= 0.95, "the overflow is answered in time on the peers: \(routed)")
        #expect(unrouted.total.onTime < 0.75, "alone the gateway refuses what it cannot serve: \(unrouted)")
        #expect(routed.total.goodput > 1.3 * unrouted.total.goodput)
    }

    /// The planner's view of the model, which every coordinator of the site shares.
    static let plannedModel = """
        models:
          - name: routing-model
            variants:
              - {name: full, service: 4ms, memory_mb: 1}
        """

    /// A folder holding the routing model, a synthetic one of `milliseconds` a run.
    static func models(named name: String, milliseconds: Double) throws -> String {
        let folder = try TemporaryFiles.folder(named: name)
        try SyntheticManifest.yaml(
            name: "routing-model", description: "\(milliseconds) ms of arithmetic", variants: [("full", milliseconds)]
        )
        .write(toFile: folder.appendingPathComponent("routing-model.yaml").path, atomically: true, encoding: .utf8)
        return folder.path
    }

    /// The epochs of the plans that gave the slow gateway a route.
    static func routedEpochs(in log: String) -> [Int] {
        log.matches(of: /cluster: plan (\d+) from [\w.-]+: .* (\d+) from here/).compactMap { match in
            Int(match.output.2).flatMap { $0 > 0 ? Int(match.output.1) : nil }
        }
    }

    /// One class's share of requests on time and its goodput.
    struct Figures: CustomStringConvertible {
        var onTime: Double
        var goodput: Double
        var description: String { "\(percent(self)) on time, \(goodput)/s" }
    }

    static func percent(_ figures: Figures) -> String {
        String(format: "%.1f %%", 100 * figures.onTime)
    }

    /// 8 s of open-loop load at ``rate``, a fifth critical (50 ms), the rest
    /// standard (200 ms).
    static func load(_ http: String) throws -> (critical: Figures, standard: Figures, total: Figures) {
        let run = try Edgesched.run([
            "load", "--url", "http://\(http)", "--model", "routing-model", "--rate", "\(rate)", "--duration", "8s",
            "--class", "critical:0.2:50ms", "--class", "standard:0.8:200ms", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.error)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
        let classes = try #require(report["classes"] as? [[String: Any]])
        func figures(_ entry: [String: Any]?) throws -> Figures {
            let entry = try #require(entry)
            return Figures(
                onTime: (entry["on_time_pct"] as? Double ?? 0) / 100, goodput: entry["goodput_per_s"] as? Double ?? 0)
        }
        return (
            try figures(classes.first { $0["name"] as? String == "critical" }),
            try figures(classes.first { $0["name"] as? String == "standard" }),
            try figures(report["total"] as? [String: Any])
        )
    }
}
