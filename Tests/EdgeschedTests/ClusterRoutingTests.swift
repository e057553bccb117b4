import Foundation
import TestFixtures
import Testing

/// Overflow routing on a real site on loopback: two coordinators and three
/// agents, one of them a slow gateway loaded at twice what it can serve,
/// one fast peer and one medium. The same load runs three times at the slow
/// gateway, restarted with each `cluster.routing`: the plan's routes, the
/// power-of-two baseline, and none; the figures are printed side by side.
@Suite(.serialized)
struct ClusterRoutingTests {
    /// Reports and plans every 250 ms.
    static let interval = 0.25
    /// The slow gateway's one worker runs the model in 8 ms (125 requests/s),
    /// the fast peer's in 2 ms, the medium one's in 12 ms.
    static let slowMilliseconds = 8.0
    static let fastMilliseconds = 2.0
    static let mediumMilliseconds = 12.0
    /// Twice the slow gateway's capacity.
    static let rate = 2 * 1000 / slowMilliseconds

    @Test func anOverloadedAgentsOverflowIsRoutedToItsPeersWithinThreeIntervalsAndAnsweredInTime() throws {
        let site = try CoordinatorSiteTests.Site()
        let coordinators = try ["coordinator-a", "coordinator-b"].map { id in
            try site.coordinator(
                id, interval: "\(Int(Self.interval * 1000))ms", takeover: "\(Int(Self.interval * 4000))ms",
                models: Self.plannedModel)
        }
        // The slow gateway's worker on CPU 1, the peers' on CPU 0.
        let peers = try [("gw-fast", Self.fastMilliseconds), ("gw-medium", Self.mediumMilliseconds)].map {
            node, milliseconds in
            try AgentProcess([
                "--config",
                try site.agentConfiguration(
                    node, interval: "\(Int(Self.interval * 1000))ms",
                    settings:
                        "placement: {reserve: \"1\"}\nmodels: {folder: \(try Self.models(named: node, milliseconds: milliseconds))}"
                ),
            ])
        }
        defer { (coordinators + peers).forEach { $0.kill() } }
        for peer in peers {
            #expect(peer.waitUntilServing() != nil, "a peer did not start: \(peer.output)")
        }
        let slowModels = try Self.models(named: "gw-slow", milliseconds: Self.slowMilliseconds)
        var figures: [(mode: String, report: LoadFigures, forwarded: String)] = []
        for routing in ["plan", "power-of-two", "off"] {
            let slow = try AgentProcess([
                "--config",
                try site.agentConfiguration(
                    "gw-slow", interval: "\(Int(Self.interval * 1000))ms",
                    settings: "placement: {reserve: \"0\"}\nmodels: {folder: \(slowModels)}",
                    cluster: "routing: \(routing)"),
            ])
            defer { slow.kill() }
            let (http, metrics, _) = try #require(slow.waitUntilServing(), "\(slow.output)")
            #expect(slow.waitForLog("from coordinator-a:", timeout: .seconds(10)), "\(slow.output)")
            let epochAtStart = try #require(CoordinatorSiteTests.epochs(from: "coordinator-a", in: slow.output).max())
            let report = try Self.load(http)
            figures.append((routing, report, try Self.forwards(scrapedFrom: metrics)))
            if routing == "plan" {
                let firstRouted = try #require(
                    Self.routedEpochs(in: slow.output).first { $0 > epochAtStart },
                    "no plan routed the slow gateway's overflow: \(slow.output)")
                print(
                    "routing: the first plan with a route from gw-slow is epoch \(firstRouted), "
                        + "\(firstRouted - epochAtStart) intervals after the load began at epoch \(epochAtStart)")
                #expect(firstRouted - epochAtStart <= 3, "within 3 intervals")
            }
        }
        Self.printTable(figures)
        let plan = figures[0].report
        let off = figures[2].report
        // Five servers and the load generator share two cores here, and each
        // start of the slow gateway calibrates its model anew, so the
        // figures move by several points from run to run (plan's total on
        // time has been 85–99 %), and more when the host is busy (plan's
        // critical class: 97 % and 96 % on a quiet host, 69–86 % on a busy
        // one, with the same code): the bounds are what routing must change,
        // the printed figures say how it went.
        #expect(plan.critical.onTime >= 0.6, "the critical class stays mostly within its deadline: \(plan)")
        #expect(plan.total.onTime >= off.total.onTime + 0.15, "routing: \(plan); off: \(off)")
        #expect(plan.total.goodput >= 1.3 * off.total.goodput, "routing: \(plan); off: \(off)")
    }

    static func printTable(_ figures: [(mode: String, report: LoadFigures, forwarded: String)]) {
        func cell(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        print("routing: \(Int(rate))/s at the slow gateway (twice its capacity), 8 s a mode")
        print("routing: mode           critical on time   standard on time   total on time   goodput/s   forwards")
        for (mode, report, forwarded) in figures {
            print(
                "routing: \(cell(mode, 14)) \(cell(percent(report.critical), 18)) \(cell(percent(report.standard), 18)) "
                    + "\(cell(percent(report.total), 15)) \(cell(String(format: "%.1f", report.total.goodput), 11)) "
                    + forwarded)
        }
    }

    /// The slow gateway's forwarding counters, as `sent 812, answered 790, refused 22`.
    static func forwards(scrapedFrom metrics: String) throws -> String {
        let scrape = try Edgesched.run(command: ["/usr/bin/curl", "-s", "http://\(metrics)/metrics"])
        let counts = scrape.output.matches(
            of: /edgesched_cluster_forward(?:s|_replies)_total\{result="(\w+)"\} (\d+)/
        ).compactMap { match in match.output.2 == "0" ? nil : "\(match.output.1) \(match.output.2)" }
        return counts.isEmpty ? "none" : counts.joined(separator: ", ")
    }

    /// A peer whose ingress uses CURVE reports its key; the slow gateway's
    /// forwards reach it as a CURVE client of that key (a plaintext socket
    /// would never connect, and every forward would stay `not_sent`; one
    /// sent before the handshake completes is).
    @Test func overflowReachesAPeerWhoseIngressUsesCURVE() throws {
        let folder = try TemporaryFiles.folder(named: "routing-curve")
        let made = try Edgesched.run(["keygen", folder.appendingPathComponent("gw-fast").path])
        try #require(made.status == 0, "\(made.error)")
        let site = try CoordinatorSiteTests.Site()
        let coordinator = try site.coordinator(
            "coordinator-a", interval: "\(Int(Self.interval * 1000))ms", takeover: "\(Int(Self.interval * 4000))ms",
            models: Self.plannedModel)
        let fastModels = try Self.models(named: "curve-fast", milliseconds: Self.fastMilliseconds)
        let fast = try AgentProcess([
            "--config",
            try site.agentConfiguration(
                "gw-fast", interval: "\(Int(Self.interval * 1000))ms",
                settings: """
                    placement: {reserve: "1"}
                    models: {folder: \(fastModels)}
                    zeromq: {curve_secret_key_file: \(folder.path)/gw-fast.key}
                    """),
        ])
        let slow = try AgentProcess([
            "--config",
            try site.agentConfiguration(
                "gw-slow", interval: "\(Int(Self.interval * 1000))ms",
                settings:
                    "placement: {reserve: \"0\"}\nmodels: {folder: \(try Self.models(named: "curve-slow", milliseconds: Self.slowMilliseconds))}"
            ),
        ])
        defer { [coordinator, fast, slow].forEach { $0.kill() } }
        #expect(fast.waitUntilServing() != nil, "\(fast.output)")
        let (http, metrics, _) = try #require(slow.waitUntilServing(), "\(slow.output)")
        #expect(slow.waitForLog("from coordinator-a:", timeout: .seconds(10)), "\(slow.output)")
        let run = try Edgesched.run([
            "load", "--url", "http://\(http)", "--model", "routing-model", "--rate", "\(Self.rate)", "--duration", "3s",
            "--class", "standard:1:200ms",
        ])
        #expect(run.status == 0, "\(run.error)")
        let forwards = try Self.forwards(scrapedFrom: metrics)
        print("routing: to a CURVE ingress: \(forwards)")
        let answered = forwards.firstMatch(of: /answered (\d+)/).flatMap { Int($0.output.1) } ?? 0
        // A plaintext socket would never complete the handshake: none answered.
        #expect(answered > 50, "the forwards were answered over CURVE: \(forwards)")
    }

    /// The same site's losses: the active coordinator (the standby takes
    /// over with a higher epoch within the takeover time, and every agent
    /// takes its plans), then the agent holding the one copy of a model (it
    /// is dropped within three intervals and the model placed on another).
    @Test func lossesOfTheActiveCoordinatorAndOfAnAgentAreTakenOverAndReplaced() throws {
        let site = try CoordinatorSiteTests.Site()
        let coordinators = try ["coordinator-a", "coordinator-b"].map { id in
            try site.coordinator(
                id, interval: "\(Int(Self.interval * 1000))ms", takeover: "\(Int(Self.interval * 4000))ms",
                models: Self.plannedModel + "\n" + Self.plannedSpare)
        }
        let models = try Self.models(named: "placement-models", milliseconds: Self.fastMilliseconds)
        try Self.spareManifest.write(
            toFile: models + "/spare-model.yaml", atomically: true, encoding: .utf8)
        let agents = try ["gw-place.1", "gw-place.2", "gw-place.3"].map { node in
            try AgentProcess([
                "--config",
                try site.agentConfiguration(
                    node, interval: "\(Int(Self.interval * 1000))ms", settings: "models: {folder: \(models)}"),
            ])
        }
        defer { (coordinators + agents).forEach { $0.kill() } }
        for agent in agents {
            #expect(agent.waitUntilServing() != nil, "an agent did not start: \(agent.output)")
        }
        let placed = "cluster: the plan places spare-model here"
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !agents.contains(where: { $0.output.contains(placed) }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let holder = try #require(
            agents.firstIndex { $0.output.contains(placed) },
            "no agent was given spare-model: \(agents.map(\.output))")
        #expect(agents[holder].waitForLog("models: spare-model ready", timeout: .seconds(10)))
        let others = agents.indices.filter { $0 != holder }
        #expect(others.allSatisfy { !agents[$0].output.contains(placed) }, "one copy, as min_replicas says")

        let lastOfA = agents.compactMap { CoordinatorSiteTests.epochs(from: "coordinator-a", in: $0.output).max() }
            .max()
        let killed = Date()
        coordinators[0].kill()
        #expect(coordinators[1].waitForLog("coordinator-b active from epoch", timeout: .seconds(5)))
        let takeover = Date().timeIntervalSince(killed)
        print("failover: coordinator-b active \(Int(takeover * 1000)) ms after coordinator-a was killed (takeover 1 s)")
        #expect(takeover <= 4 * Self.interval + 2 * Self.interval + 0.5, "within the takeover time and a round")
        for agent in agents {
            #expect(agent.waitForLog("from coordinator-b:", timeout: .seconds(3)), "\(agent.output)")
            let epochs = CoordinatorSiteTests.epochs(from: "coordinator-b", in: agent.output)
            #expect(epochs.allSatisfy { $0 > lastOfA ?? 0 }, "b's epochs \(epochs) above a's \(lastOfA ?? 0)")
        }

        agents[holder].kill()
        let node = "gw-place.\(holder + 1)"
        #expect(
            coordinators[1].waitForLog("node \(node) dropped: silent for 3 intervals", timeout: .seconds(5)),
            "\(coordinators[1].output)")
        let replaced = Date().addingTimeInterval(10)
        while Date() < replaced, !others.contains(where: { agents[$0].output.contains(placed) }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let successor = try #require(
            others.first { agents[$0].output.contains(placed) }, "spare-model was not placed again")
        #expect(agents[successor].waitForLog("models: spare-model ready", timeout: .seconds(10)))
        print("placement: spare-model on \(node); after its loss on gw-place.\(successor + 1)")
    }

    /// The planner's view of the model, which every coordinator of the site
    /// shares: kept on all three gateways.
    static let plannedModel = """
        models:
          - name: routing-model
            min_replicas: 3
            variants:
              - {name: full, service: 4ms, memory_mb: 1}
        """

    /// A model no gateway loads at start, that the site keeps one copy of.
    static let plannedSpare = """
          - name: spare-model
            min_replicas: 1
            variants:
              - {name: full, service: 1ms, memory_mb: 1}
        """

    static let spareManifest = """
        name: spare-model
        description: SYNTHETIC 1 ms of arithmetic, loaded where the plan places it
        inputs:
          - {name: input, datatype: FP32, shape: [-1, 16]}
        outputs:
          - {name: checksum, datatype: FP64, shape: [1]}
        variants:
          - {name: full, runtime: synthetic, service_ms: 1, memory_mb: 1}
        placement: {domains: all, preload: false}

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

    /// A load run's figures by class.
    typealias LoadFigures = (critical: Figures, standard: Figures, total: Figures)

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
    static func load(_ http: String) throws -> LoadFigures {
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
