public import NIOCore
import Topology

/// Writes infer request bodies as the Open Inference Protocol and Triton's
/// binary tensor extension define them, in `tritonclient`'s member order:
/// `id`, `inputs`, `outputs`, `parameters`.
///
/// JSON: each input has `name`, `shape`, `datatype` and `data`. Binary: each
/// input has `parameters.binary_data_size` instead of `data`, every output
/// from the metadata is asked for with `parameters.binary_data: true` (or,
/// with no outputs listed, the request sets `binary_data_output: true`), and
/// the inputs' raw bytes follow the JSON, in input order. The JSON's length
/// goes in the `Inference-Header-Content-Length` header.
public enum RequestBody {
    /// The header that tells the server where the JSON ends.
    public static let headerLengthField = "Inference-Header-Content-Length"

    /// A body and the length of its JSON part.
    public struct Encoded: Sendable {
        /// The bytes to send.
        public var body: ByteBuffer
        /// How many leading bytes are JSON; nil for a JSON-only body.
        public var headerLength: Int?
    }

    /// The request parameters that come from a traffic class and the plan.
    public struct Parameters: Hashable, Sendable {
        /// `priority`: a class name, or a 1-based position for Triton; nil sends none.
        public var priority: Priority?
        /// `timeout` in microseconds; nil sends none.
        public var timeoutMicroseconds: Int64?
        /// False sends `edgesched_allow_downgrade: false` (only the preferred variant may answer); true sends
        /// nothing, the agent's default.
        public var allowDowngrade: Bool
        /// `edgesched_min_variant`: the cheapest variant accepted; nil sends none (any).
        public var lowestVariant: String?
        /// The plan's `--parameter`s, sent as they are.
        public var extra: [RequestParameter] = []

        /// How the class is named to the server.
        public enum Priority: Hashable, Sendable {
            /// The class name, as the edgesched agent reads it.
            case name(String)
            /// An integer, as Triton reads it (1 = highest).
            case level(Int)
        }

        /// Parameters with `priority`, `timeoutMicroseconds`, `allowDowngrade` and `lowestVariant`.
        public init(
            priority: Priority?, timeoutMicroseconds: Int64?, allowDowngrade: Bool = true, lowestVariant: String? = nil
        ) {
            self.priority = priority
            self.timeoutMicroseconds = timeoutMicroseconds
            self.allowDowngrade = allowDowngrade
            self.lowestVariant = lowestVariant
        }

        /// What `plan` sends for its class `classIndex`: no priority or timeout for the implicit class or
        /// without class parameters, else the class's name (or 1-based position) and its timeout; and
        /// whether downgrades are allowed and how far, as the plan says.
        init(plan: LoadPlan, classIndex: Int) {
            let trafficClass = plan.classes[classIndex]
            priority =
                plan.usesImplicitClass || plan.withoutClassParameters
                ? nil : plan.priorityAsInteger ? .level(classIndex + 1) : .name(trafficClass.name)
            timeoutMicroseconds = plan.withoutClassParameters ? nil : trafficClass.timeoutMicroseconds
            allowDowngrade = plan.allowDowngrades
            lowestVariant = plan.lowestVariant
            extra = plan.extraParameters
        }
    }

    /// The body for `inputs` with request id `id`, `parameters`, in `encoding`.
    static func encode(
        id: String, inputs: [TensorValues], outputs: [ModelMetadata.Tensor], parameters: Parameters,
        encoding: LoadPlan.TensorEncoding, allocator: ByteBufferAllocator
    ) -> Encoded {
        var json = "{\"id\":" + quoted(id) + ",\"inputs\":["
        for (position, input) in inputs.enumerated() {
            if position > 0 { json += "," }
            json += "{\"name\":" + quoted(input.tensor.name) + ",\"shape\":["
            json += input.tensor.shape.map(String.init).joined(separator: ",")
            json += "],\"datatype\":" + quoted(input.tensor.datatype) + ","
            switch encoding {
            case .json: json += "\"data\":[" + (input.jsonElements ?? "") + "]}"
            case .binary: json += "\"parameters\":{\"binary_data_size\":\(input.bytes.count)}}"
            }
        }
        json += "]"
        var members: [String] = []
        if let priority = parameters.priority {
            switch priority {
            case .name(let name): members.append("\"priority\":" + quoted(name))
            case .level(let level): members.append("\"priority\":\(level)")
            }
        }
        if let timeout = parameters.timeoutMicroseconds { members.append("\"timeout\":\(timeout)") }
        if !parameters.allowDowngrade { members.append("\"edgesched_allow_downgrade\":false") }
        if let lowest = parameters.lowestVariant { members.append("\"edgesched_min_variant\":" + quoted(lowest)) }
        members += parameters.extra.map { quoted($0.name) + ":" + $0.json }
        if encoding == .binary {
            if outputs.isEmpty {
                members.append("\"binary_data_output\":true")
            } else {
                json += ",\"outputs\":["
                json += outputs.map { "{\"name\":" + quoted($0.name) + ",\"parameters\":{\"binary_data\":true}}" }
                    .joined(separator: ",")
                json += "]"
            }
        }
        if !members.isEmpty { json += ",\"parameters\":{" + members.joined(separator: ",") + "}" }
        json += "}"
        let headerLength = json.utf8.count
        let binaryLength = encoding == .binary ? inputs.reduce(0) { $0 + $1.bytes.count } : 0
        var body = allocator.buffer(capacity: headerLength + binaryLength)
        body.writeString(json)
        if encoding == .binary {
            for input in inputs { body.writeBytes(input.bytes) }
        }
        return Encoded(body: body, headerLength: encoding == .binary ? headerLength : nil)
    }

    /// `text` as a JSON string literal, escaped as every edgesched JSON document is.
    static func quoted(_ text: String) -> String {
        String(JSONValue.string(text).serialized().dropLast())
    }
}
