import Agent
import Messaging
import Placement
import Scheduling
import TestFixtures
import Testing
import Topology

@Suite struct AgentConfigurationTests {
    static let example = FixtureTrees.packageRoot + "/deploy/agent.example.yaml"

    @Test func theExampleConfigurationIsExactlyTheEmbeddedDefault() throws {
        #expect(try AgentConfiguration.load(path: Self.example) == .embeddedDefault)
    }

    @Test func anEmptyFileIsTheEmbeddedDefault() throws {
        #expect(try AgentConfiguration.parse(yaml: "", file: "empty.yaml") == .embeddedDefault)
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let configuration = try AgentConfiguration.parse(
            yaml: """
                node_id: gw-7
                placement: {domain: numa, reserve: "0,2"}
                classes:
                  - {name: alarms, strict: true, timeout: 20ms}
                  - {name: video, weight: 3, timeout: 1.5s, max_queue: 64, sheddable: true}
                default_class: video
                ingress: {http: "[::1]:0", zeromq: "ipc:///run/edgesched/agent.sock"}
                zeromq: {max_in_flight_per_peer: 8, curve_secret_key_file: /etc/edgesched/curve.key, reply_spin: 0}
                metrics: null
                limits: {drain_timeout: 250ms}
                workers: {spin: 0}
                """, file: "gw.yaml")
        #expect(configuration.nodeID == "gw-7")
        #expect(configuration.placement == PlacementPolicy(domain: .numa, reserve: .cpus([0, 2])))
        #expect(
            configuration.classes == [
                PriorityClass(name: "alarms", strict: true, maxQueue: 1000, defaultTimeout: .milliseconds(20)),
                PriorityClass(
                    name: "video", weight: 3, maxQueue: 64, defaultTimeout: .milliseconds(1500), sheddable: true),
            ])
        #expect(configuration.defaultClass == "video")
        #expect(configuration.ingress.http == ListenAddress(host: "::1", port: 0))
        #expect(configuration.ingress.zeromq?.description == "ipc:///run/edgesched/agent.sock")
        #expect(configuration.zeromq.maxInFlightPerPeer == 8)
        #expect(configuration.zeromq.curveSecretKeyFile == "/etc/edgesched/curve.key")
        #expect(configuration.zeromq.maxMessageBytes == AgentConfiguration.embeddedDefault.zeromq.maxMessageBytes)
        #expect(configuration.metrics == nil)
        #expect(configuration.limits.drainTimeout == .milliseconds(250))
        #expect(configuration.workers.spin == .zero)
        #expect(configuration.zeromq.replySpin == .zero)
        #expect(configuration.limits.maxBodyBytes == AgentConfiguration.embeddedDefault.limits.maxBodyBytes)
        #expect(configuration.downgrade == .defaults)
    }

    @Test func theSchedulingPolicyIsEdgeschedUnlessTheQueueTimeoutBaselineIsAskedFor() throws {
        #expect(AgentConfiguration.embeddedDefault.schedulingPolicy == .edgesched)
        let configuration = try AgentConfiguration.parse(
            yaml: "scheduling: {policy: queue-timeout}\n", file: "baseline.yaml")
        #expect(configuration.schedulingPolicy == .queueTimeout)
        #expect(configuration.summary.contains("scheduling: policy queue-timeout\n"))
    }

    @Test func recordingIsOffUnlessAPathIsGivenAndRotatesAt64MiBByDefault() throws {
        #expect(AgentConfiguration.embeddedDefault.recording == nil)
        #expect(AgentConfiguration.embeddedDefault.summary.contains("recording: off\n"))
        let configuration = try AgentConfiguration.parse(
            yaml: "recording: {path: /var/lib/edgesched/arrivals.esrec}\n", file: "recording.yaml")
        #expect(configuration.recording == AgentConfiguration.Recording(path: "/var/lib/edgesched/arrivals.esrec"))
        #expect(configuration.recording?.maxMegabytes == 64)
        #expect(
            configuration.summary.contains(
                "recording: /var/lib/edgesched/arrivals.esrec, rotated to /var/lib/edgesched/arrivals.esrec.1 at 64 MiB"
            ))
    }

    @Test func theClusterIsOffUnlessCoordinatorsAreGivenAndReportsEverySecondByDefault() throws {
        #expect(AgentConfiguration.embeddedDefault.cluster == nil)
        #expect(AgentConfiguration.embeddedDefault.summary.contains("cluster: off (serving alone)\n"))
        let configuration = try AgentConfiguration.parse(
            yaml: """
                node_id: gw-7
                cluster:
                  coordinators:
                    - {id: coordinator-a, reports: "tcp://10.0.0.2:7100", plans: "tcp://10.0.0.2:7101"}
                    - {id: coordinator-b, reports: "tcp://10.0.0.3:7100", plans: "tcp://10.0.0.3:7101"}
                  advertise: tcp://10.0.0.7:5555

                """, file: "cluster.yaml")
        let cluster = try #require(configuration.cluster)
        #expect(cluster.coordinators.map(\.id) == ["coordinator-a", "coordinator-b"])
        #expect(cluster.coordinators[1].plans.description == "tcp://10.0.0.3:7101")
        #expect(cluster.interval == .seconds(1))
        #expect(cluster.autonomy == .seconds(30))
        #expect(cluster.advertise?.description == "tcp://10.0.0.7:5555")
        #expect(cluster.curveSecretKeyFile == nil)
        #expect(cluster.routing == .plan)
        #expect(configuration.summary.contains("; overflow routing plan;"))
        #expect(
            configuration.summary.contains(
                "cluster: reports every 1s to coordinator-a (reports tcp://10.0.0.2:7100, plans tcp://10.0.0.2:7101), "
            ))
    }

    @Test func aNullZeroMQEndpointTurnsTheIngressOff() throws {
        let configuration = try AgentConfiguration.parse(yaml: "ingress: {zeromq: null}\n", file: "off.yaml")
        #expect(configuration.ingress.zeromq == nil)
        #expect(configuration.ingress.http == AgentConfiguration.embeddedDefault.ingress.http)
    }

    @Test(
        "every problem names the path, the position and the value",
        arguments: [
            ("placement: {domain: sockets}", "x.yaml:1:21: placement.domain: \"sockets\" is not one of socket, numa"),
            (
                "scheduling: {policy: triton}",
                "x.yaml:1:22: scheduling.policy: \"triton\" is not one of edgesched, queue-timeout"
            ),
            ("placement: {reserve: cores:x}", "placement.reserve: reserve: \"cores:x\" is not a count of cores"),
            ("classes: [{name: a, weight: 0}]", "classes[0].weight: \"0\" is not a whole number from 1 to 1000000"),
            ("classes: [{name: a, strict: true, weight: 2}]", "classes[0].weight: a strict class"),
            ("classes: [{weight: 2}]", "classes[0].name: is missing"),
            ("classes: [{name: a}, {name: a}]", "classes[1].name: \"a\" names two classes"),
            ("classes: []", "classes: is an empty list; give at least one class"),
            ("classes: gold", "classes: \"gold\" is not a list of classes"),
            ("classes: [{name: a, timeout: 5 ms}]", "classes[0].timeout: \"5 ms\" is not a duration from 1us to 1440m"),
            ("classes: [{name: a, timeout: 1e30s}]", "is not a duration"),
            (
                "default_class: gold",
                "default_class: \"gold\" is not a configured class (classes: critical, standard, batch)"
            ),
            ("downgrade: {thermal: {high: 70, low: 80}}", "downgrade.thermal.low: low 80.0 is above high 70.0"),
            ("downgrade: {pressure: {high: 1ms, low: 5ms}}", "downgrade.pressure.low: low 0.005 is above high 0.001"),
            (
                "downgrade: {thermal: {high: .nan}}",
                "downgrade.thermal.high: \".nan\" is not a number from -50.0 to 200.0"
            ),
            ("overload: {high: lots}", "overload.high: \"lots\" is not a number"),
            ("ingress: {http: 8000}", "ingress.http: \"8000\" is not HOST:PORT"),
            ("ingress: {http: \"127.0.0.1:70000\"}", "ingress.http: \"127.0.0.1:70000\" is not HOST:PORT"),
            (
                "ingress: {zeromq: \"udp://x:1\"}",
                "ingress.zeromq: \"udp://x:1\" is not a ZeroMQ endpoint: expected tcp://HOST:PORT or ipc://PATH"
            ),
            (
                "ingress: {zeromq: \"tcp://127.0.0.1:99999\"}",
                "port \"99999\" is not a number from 1 to 65535, or * for any free one"
            ),
            (
                "zeromq: {max_in_flight_per_peer: 0}",
                "zeromq.max_in_flight_per_peer: \"0\" is not a whole number from 1"
            ),
            ("zeromq: {linger: 1s}", "zeromq.linger: is not a key here"),
            (
                "limits: {max_body_bytes: 99999999999999999999}",
                "limits.max_body_bytes: \"99999999999999999999\" is not a whole number"
            ),
            ("limits: {max_in_flight: -1}", "limits.max_in_flight: \"-1\" is not a whole number from 1"),
            ("workers: {spin: 1s}", "workers.spin: \"1s\" is not a duration from 1us to 10ms"),
            ("zeromq: {reply_spin: -5us}", "zeromq.reply_spin: \"-5us\" is not a duration from 1us to 10ms"),
            ("sensors: {interval: 1us}", "sensors.interval: \"1us\" is not a duration from 10ms to 60m"),
            ("models: {intra_op_threads: two}", "models.intra_op_threads: \"two\" is not a whole number from 1 to 256"),
            ("listen: 1", "listen: is not a key here (known: node_id, topology_root"),
            ("placement: {domian: numa}", "placement.domian: is not a key here (known: domain, smt, reserve, memory)"),
            ("placement: numa", "placement: \"numa\" is not a mapping (keys: domain, smt, reserve, memory)"),
            ("classes: [{name: a, strict: maybe}]", "classes[0].strict: \"maybe\" is not true or false"),
            ("a: [", "is not valid YAML"),
            ("recording: {max_mb: 8}", "recording.path: is missing"),
            (
                "recording: {path: /tmp/a.esrec, max_mb: 0}",
                "recording.max_mb: \"0\" is not a whole number from 1 to 1048576"
            ),
            ("recording: {path: /tmp/a.esrec, max_mb: lots}", "recording.max_mb: \"lots\" is not a whole number"),
            ("recording: {path: /tmp/a.esrec, rotate: 2}", "recording.rotate: is not a key here (known: path, max_mb)"),
            ("recording: /tmp/a.esrec", "recording: \"/tmp/a.esrec\" is not a mapping (keys: path, max_mb)"),
            ("node_id: gw 7", "node_id: node id \"gw 7\" may hold only letters, digits"),
            ("cluster: {interval: 1s}", "cluster.coordinators: nothing is not a list of coordinators"),
            ("cluster: {coordinators: []}", "cluster.coordinators: a list is not a list of coordinators"),
            ("cluster: {coordinators: [{id: a, plans: \"tcp://h:2\"}]}", "cluster.coordinators[0].reports: is missing"),
            (
                "cluster: {coordinators: [{id: a, reports: \"tcp://h:*\", plans: \"tcp://h:2\"}]}",
                "cluster.coordinators[0].reports: \"tcp://h:*\" is not a ZeroMQ endpoint"
            ),
            (
                "cluster: {coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\"}, "
                    + "{id: a, reports: \"tcp://g:1\", plans: \"tcp://g:2\"}]}",
                "cluster.coordinators[1].id: \"a\" names two coordinators"
            ),
            (
                "cluster: {routing: random, coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\"}]}",
                "cluster.routing: \"random\" is not one of plan, power-of-two, off"
            ),
            (
                "cluster: {coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\", public_key_file: a.pub}]}",
                "cluster.curve_secret_key_file: is missing: coordinators have public keys"
            ),
            (
                "cluster: {curve_secret_key_file: me.key, coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\"}]}",
                "cluster.coordinators: 1 coordinator(s) have no public_key_file"
            ),
            (
                "{ingress: {zeromq: null}, cluster: {coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\"}]}}",
                "cluster.advertise: is missing: the ZeroMQ ingress is off"
            ),
            (
                "{ingress: {zeromq: \"tcp://*:5555\"}, cluster: {coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\"}]}}",
                "cluster.advertise: is missing: ingress.zeromq \"tcp://*:5555\" binds every address"
            ),
            (
                "cluster: {coordinators: [{id: a, reports: \"tcp://h:1\", plans: \"tcp://h:2\"}], interval: 1ms}",
                "cluster.interval: \"1ms\" is not a duration from 10ms to 60m"
            ),
        ]
    )
    func reportsAProblem(yaml: String, message: String) {
        #expect {
            try AgentConfiguration.parse(yaml: yaml, file: "x.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError, error.kind == .invalid else { return false }
            let found = error.description.contains(message)
            if !found { Issue.record("\(yaml): \(error.description)") }
            return found
        }
    }

    @Test func everyProblemOfAFileIsListedInOnePass() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try AgentConfiguration.parse(
                yaml: """
                    placement: {smt: both}
                    classes: [{name: a, weight: 0}, {name: b, max_queue: 0}]
                    limits: {drain_timeout: forever}
                    """, file: "many.yaml")
        }
        #expect(
            error.problems.map(\.path) == [
                "placement.smt", "classes[0].weight", "classes[1].max_queue", "limits.drain_timeout",
            ])
        #expect(error.problems.map(\.position) == ["1:18", "2:29", "2:54", "3:25"])
    }

    @Test func aMissingFileNamesItAndTheReason() {
        let error = #expect(throws: ConfigurationError.self) {
            try AgentConfiguration.load(path: "/nonexistent/agent.yaml")
        }
        #expect(error?.kind == .unreadable)
        #expect(
            error?.description
                == "/nonexistent/agent.yaml: cannot be read: No such file or directory; give the path of a YAML file of at most 16 MiB"
        )
    }
}
