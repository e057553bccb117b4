import Agent
import Cluster
import Foundation
import TestFixtures
import Testing

/// A coordinator's configuration: the example as shipped, the defaults, and
/// each rule a file can break, named by path and value.
@Suite struct CoordinatorConfigurationTests {
    static let example = FixtureTrees.packageRoot + "/deploy/coordinator.example.yaml"

    /// The smallest valid file; each problem case changes one thing in it.
    static let minimal = """
        id: coordinator-a
        reports: tcp://127.0.0.1:7100
        plans: tcp://127.0.0.1:7101
        models: [{name: m, variants: [{name: full, service: 5ms, memory_mb: 1}]}]

        """

    @Test func theExampleUsesCURVEWithEveryPeersKey() throws {
        let configuration = try CoordinatorConfiguration.load(path: Self.example)
        #expect(configuration.id == "coordinator-a")
        #expect(configuration.curveSecretKeyFile == "/etc/edgesched/keys/coordinator-a.key")
        #expect(configuration.agentKeysFolder == "/etc/edgesched/keys/agents")
        #expect(configuration.peers.map(\.id) == ["coordinator-b"])
        #expect(configuration.peers.allSatisfy { $0.publicKeyFile != nil })
        #expect(configuration.takeover == .seconds(3))
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let configuration = try CoordinatorConfiguration.parse(yaml: Self.minimal, file: "c.yaml")
        #expect(configuration.interval == .seconds(1))
        #expect(configuration.takeover == .seconds(3), "three intervals")
        #expect(configuration.peers.isEmpty && configuration.agents == nil && configuration.metrics == nil)
        #expect(configuration.curveSecretKeyFile == nil && configuration.agentKeysFolder == nil)
        #expect(configuration.planner.models.map(\.name) == ["m"])
        #expect(configuration.planner.models[0].variants[0].serviceMilliseconds == 5)
        #expect(configuration.planner.models[0].variants[0].accuracy == 1)
    }

    @Test(
        "every problem names the path and the value",
        arguments: [
            ("reports: tcp://127.0.0.1:7100\n", "", "reports: is missing"),
            ("id: coordinator-a\n", "id: a b", "id: node id \"a b\" may hold only"),
            (
                "id: coordinator-a\n", "id: coordinator-a\ninterval: 1s\ntakeover: 500ms",
                "takeover: must be longer than the interval"
            ),
            ("id: coordinator-a\n", "id: coordinator-a\ninterval: 0s", "interval: \"0s\" is not a duration from 10ms"),
            (
                "models: [{name: m, variants: [{name: full, service: 5ms, memory_mb: 1}]}]",
                "models: [{name: m, variants: [{name: full, memory_mb: 1}]}]",
                "models[0].variants[0].service: is missing"
            ),
            (
                "models: [{name: m, variants: [{name: full, service: 5ms, memory_mb: 1}]}]",
                "models: [{name: m, variants: [{name: full, service: 5ms}]}]",
                "models[0].variants[0].memory_mb: is missing"
            ),
            (
                "models: [{name: m, variants: [{name: full, service: 5ms, memory_mb: 1}]}]",
                "models: [{name: m, variants: [{name: full, service: 5ms, memory_mb: 1, accuracy: 2}]}]",
                "models[0].variants[0].accuracy: \"2\" is not a number from 0.0 to 1.0"
            ),
            (
                "id: coordinator-a\n", "id: coordinator-a\npeers: [{id: coordinator-a, plans: \"tcp://h:1\"}]",
                "names this coordinator or another peer"
            ),
            (
                "id: coordinator-a\n", "id: coordinator-a\ncurve_secret_key_file: a.key",
                "agent_keys: is missing: with CURVE"
            ),
            ("id: coordinator-a\n", "id: coordinator-a\nagent_keys: /keys", "curve_secret_key_file: is missing"),
            (
                "id: coordinator-a\n",
                "id: coordinator-a\ncurve_secret_key_file: a.key\nagent_keys: /k\npeers: [{id: b, plans: \"tcp://h:1\"}]",
                "peers: 1 peer(s) have no public_key_file"
            ),
            ("id: coordinator-a\n", "id: coordinator-a\ncolour: blue", "colour"),
        ])
    func aBrokenRuleIsNamed(replacing: String, with replacement: String, message: String) {
        let yaml = Self.minimal.replacingOccurrences(of: replacing, with: replacement + "\n")
        let error = #expect(throws: ConfigurationError.self) {
            try CoordinatorConfiguration.parse(yaml: yaml, file: "c.yaml")
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}
