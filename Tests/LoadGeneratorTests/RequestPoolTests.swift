import Foundation
import LoadGenerator
import NIOCore
import NIOHTTP1
import Testing

/// The bodies built before a run: the protocol's JSON and Triton's binary extension.
@Suite struct RequestPoolTests {
    private let metadata = ModelMetadata(
        name: "toy",
        inputs: [
            .init(name: "x", datatype: "FP32", shape: [-1, 3]), .init(name: "mask", datatype: "BOOL", shape: [2]),
            .init(name: "ids", datatype: "INT64", shape: [1, 2]),
        ],
        outputs: [.init(name: "y", datatype: "FP32", shape: [-1, 2])])

    private func makePool(_ plan: LoadPlan, _ metadata: ModelMetadata) throws -> RequestPool {
        try RequestPool(plan: plan, url: ServerURL(parsing: "http://127.0.0.1:8000"), metadata: metadata)
    }

    private func plan(_ tensors: LoadPlan.TensorEncoding, integer: Bool = false) throws -> LoadPlan {
        try LoadPlan(
            target: .http(ServerURL(parsing: "http://127.0.0.1:8000")), model: "toy",
            classes: [
                TrafficClass(name: "critical", share: 0.5, timeout: .milliseconds(50)),
                TrafficClass(name: "batch", share: 0.5, timeout: nil),
            ], tensors: tensors, priorityAsInteger: integer
        ).validated()
    }

    private func json(_ bytes: some Collection<UInt8>) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func jsonBodiesCarryTheDataAndTheClassParameters() throws {
        let pool = try makePool(plan(.json), metadata)
        let request = pool.request(classIndex: 0, sequence: 0)
        #expect(request.head.method == .POST)
        #expect(request.head.uri == "/v2/models/toy/infer")
        #expect(request.head.headers["Content-Type"] == ["application/json"])
        #expect(request.head.headers["Inference-Header-Content-Length"].isEmpty)
        #expect(request.head.headers["Content-Length"] == [String(request.body.readableBytes)])
        let document = try json(Array(buffer: request.body))
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["name"] as? String } == ["x", "mask", "ids"])
        #expect(inputs.map { $0["shape"] as? [Int] } == [[1, 3], [2], [1, 2]])
        #expect(inputs.map { ($0["data"] as? [Any])?.count } == [3, 2, 2])
        #expect((inputs[1]["data"] as? [Any])?.allSatisfy { $0 is Bool } == true)
        #expect(document["outputs"] == nil)
        let parameters = try #require(document["parameters"] as? [String: Any])
        #expect(parameters["priority"] as? String == "critical")
        #expect(parameters["timeout"] as? Int == 50_000)
        let batch = try json(Array(buffer: pool.request(classIndex: 1, sequence: 0).body))
        let batchParameters = try #require(batch["parameters"] as? [String: Any])
        #expect(batchParameters["priority"] as? String == "batch")
        #expect(batchParameters["timeout"] == nil)
        #expect(parameters["edgesched_allow_downgrade"] == nil, "downgrades allowed: the agent's default, not sent")
        #expect(parameters["edgesched_min_variant"] == nil)
    }

    @Test func downgradeChoicesTravelAsTheAgentsParameters() throws {
        var plan = try plan(.json)
        plan.allowDowngrades = false
        plan.lowestVariant = "int8"
        let document = try json(Array(buffer: makePool(plan, metadata).request(classIndex: 1, sequence: 0).body))
        let parameters = try #require(document["parameters"] as? [String: Any])
        #expect(parameters["edgesched_allow_downgrade"] as? Bool == false)
        #expect(parameters["edgesched_min_variant"] as? String == "int8")
    }

    @Test func extraParametersTravelBesideTheClassesAsNumbersBooleansOrStrings() throws {
        var plan = try plan(.json)
        plan.extraParameters = try ["work_ms=5", "ratio=0.25", "trace=true", "note=a \"b\""].map {
            try RequestParameter.parse($0)
        }
        let document = try json(Array(buffer: makePool(plan, metadata).request(classIndex: 1, sequence: 0).body))
        let parameters = try #require(document["parameters"] as? [String: Any])
        #expect(parameters["work_ms"] as? Int == 5)
        #expect(parameters["ratio"] as? Double == 0.25)
        #expect(parameters["trace"] as? Bool == true)
        #expect(parameters["note"] as? String == "a \"b\"")
        #expect(parameters["priority"] != nil, "the class's own parameters stay")
    }

    @Test(arguments: [
        ("work_ms", "--parameter work_ms: expected NAME=VALUE"),
        ("=5", "--parameter =5: the name must be letters, digits and underscores"),
        ("timeout=5", "--parameter timeout=5: timeout comes from the classes and flags"),
    ])
    func aBadParameterIsRefusedNamingIt(text: String, message: String) {
        #expect {
            try RequestParameter.parse(text)
        } throws: { error in
            (error as? LoadError)?.message.hasPrefix(message) == true
        }
    }

    @Test func binaryBodiesSplitAtTheHeaderLengthAndCarryRawBytes() throws {
        let pool = try makePool(plan(.binary), metadata)
        let request = pool.request(classIndex: 0, sequence: 3)
        let bytes = Array(buffer: request.body)
        let headerLength = try #require(
            request.head.headers["Inference-Header-Content-Length"].first.flatMap { Int($0) })
        let document = try json(bytes[..<headerLength])
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        #expect(inputs.allSatisfy { $0["data"] == nil })
        let sizes = inputs.map { ($0["parameters"] as? [String: Any])?["binary_data_size"] as? Int }
        #expect(sizes == [12, 2, 16])
        #expect(bytes.count - headerLength == 30)
        let outputs = try #require(document["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["name"] as? String } == ["y"])
        #expect(outputs.map { ($0["parameters"] as? [String: Any])?["binary_data"] as? Bool } == [true])
        let floats = bytes[headerLength..<headerLength + 12]
        let first = Float(bitPattern: floats.prefix(4).reversed().reduce(0) { $0 << 8 | UInt32($1) })
        #expect(first > 0 && first < 1, "little-endian FP32 in [0, 1): \(first)")
        #expect(bytes[headerLength + 12..<headerLength + 14].allSatisfy { $0 <= 1 }, "BOOL bytes are 0 or 1")
    }

    @Test func integerPrioritiesArePositionsFromOne() throws {
        let pool = try makePool(plan(.json, integer: true), metadata)
        let priorities = try (0..<2).map { index in
            try json(Array(buffer: pool.request(classIndex: index, sequence: 0).body))["parameters"]
                .flatMap { ($0 as? [String: Any])?["priority"] as? Int }
        }
        #expect(priorities == [1, 2])
    }

    @Test func theImplicitClassSendsNoParameters() throws {
        let plan = try LoadPlan(target: .http(ServerURL(parsing: "http://127.0.0.1:8000")), model: "toy").validated()
        let document = try json(
            Array(buffer: makePool(plan, metadata).request(classIndex: 0, sequence: 0).body))
        #expect(document["parameters"] == nil)
    }

    @Test func withoutClassParametersNoRequestNamesItsClassOrTimeout() throws {
        var plan = try plan(.json)
        plan.withoutClassParameters = true
        let pool = try makePool(plan, metadata)
        let documents = try (0..<2).map { try json(Array(buffer: pool.request(classIndex: $0, sequence: 0).body)) }
        #expect(documents.allSatisfy { $0["parameters"] == nil }, "\(documents)")
    }

    @Test func jsonCannotCarryHalfPrecision() throws {
        let half = ModelMetadata(name: "toy", inputs: [.init(name: "h", datatype: "FP16", shape: [4])], outputs: [])
        #expect(throws: LoadError.self) { try makePool(plan(.json), half) }
        let request = try makePool(plan(.binary), half).request(classIndex: 0, sequence: 0)
        let headerLength = try #require(
            request.head.headers["Inference-Header-Content-Length"].first.flatMap { Int($0) })
        let document = try json(Array(buffer: request.body)[..<headerLength])
        #expect((document["parameters"] as? [String: Any])?["binary_data_output"] as? Bool == true)
    }

    @Test(
        "metadata the generator cannot fill is refused with the input named",
        arguments: [("BYTES", [1]), ("FP32", [-2, 3]), ("FP32", [1 << 20, 1 << 20])]
    )
    func refusesUnusableInputs(datatype: String, shape: [Int]) throws {
        let bad = ModelMetadata(name: "toy", inputs: [.init(name: "z", datatype: datatype, shape: shape)], outputs: [])
        let error = try #require(throws: LoadError.self) { try makePool(plan(.binary), bad) }
        #expect(error.kind == .unusableMetadata)
        #expect(error.message.contains("input \"z\""), "\(error)")
    }
}
