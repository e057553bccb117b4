import Foundation
import Inference
public import NIOCore
import Scheduling

/// Writes an inference response, Open Inference Protocol JSON with the
/// binary tensor extension for outputs the client asked for as binary.
enum InferResponseEncoding {
    struct Encoded {
        var body: ByteBuffer
        /// The JSON part's length when binary outputs follow it.
        var headerLength: Int?
    }

    static func encode(
        _ answer: InferenceAnswer, model: String, id: String?, binaryOutputs: Set<String>, allBinary: Bool,
        allocator: ByteBufferAllocator
    ) -> Encoded {
        let binary = answer.outputs.filter { allBinary || binaryOutputs.contains($0.name) }
        var json = "{\"model_name\":\(quoted(model)),\"model_version\":\(quoted(answer.variant))"
        if let id { json += ",\"id\":\(quoted(id))" }
        json += ",\"parameters\":{\"edgesched_variant\":\(quoted(answer.variant))"
        if let downgrade = answer.downgrade { json += ",\"edgesched_downgrade_reason\":\(quoted(downgrade.rawValue))" }
        json += ",\"edgesched_queue_us\":\(microseconds(answer.queueTime))"
        json += ",\"edgesched_service_us\":\(microseconds(answer.serviceTime))"
        json += ",\"edgesched_domain\":\(answer.domain)"
        if answer.isSynthetic { json += ",\"synthetic\":true" }
        json += "},\"outputs\":["
        for (index, output) in answer.outputs.enumerated() {
            if index > 0 { json += "," }
            json += "{\"name\":\(quoted(output.name)),\"datatype\":\"\(output.datatype.rawValue)\",\"shape\":["
            json += output.shape.map(String.init).joined(separator: ",") + "]"
            if binary.contains(where: { $0.name == output.name }) {
                json += ",\"parameters\":{\"binary_data_size\":\(output.bytes.count)}}"
            } else {
                json += ",\"data\":[" + values(of: output) + "]}"
            }
        }
        json += "]}"
        let binaryBytes = binary.reduce(0) { $0 + $1.bytes.count }
        var buffer = allocator.buffer(capacity: json.utf8.count + binaryBytes)
        buffer.writeString(json)
        for output in binary {
            buffer.writeBytes(output.bytes)
        }
        return Encoded(body: buffer, headerLength: binary.isEmpty ? nil : json.utf8.count)
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    private static func values(of tensor: Tensor) -> String {
        tensor.numbers.map { value in
            if value.isNaN { return "NaN" }
            if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
            switch tensor.datatype {
            case .fp32: return "\(Float(value))"
            case .bool: return value != 0 ? "true" : "false"
            case .fp64, .fp16: return "\(value)"
            default: return "\(Int64(value))"
            }
        }.joined(separator: ",")
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
