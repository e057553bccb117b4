public import GRPCCore
import SwiftProtobuf

/// A `ModelInferRequest` with its `raw_input_contents` apart, as the bytes
/// the runtime takes: each tensor is copied once, from the transport's
/// buffer into its array, where the generated message would copy it into a
/// `Data` first.
public struct RawInferRequest: Sendable {
    /// Every field but `raw_input_contents`.
    public var message: Inference_ModelInferRequest
    /// `raw_input_contents`, in the order they came.
    public var rawInputContents: [[UInt8]]

    public init(message: Inference_ModelInferRequest, rawInputContents: [[UInt8]]) {
        self.message = message
        self.rawInputContents = rawInputContents
    }
}

/// Reads a `ModelInferRequest` off the wire into a ``RawInferRequest``:
/// the `raw_input_contents` fields into their arrays, every other field
/// (a few hundred bytes of names, shapes and parameters) through
/// SwiftProtobuf, so that unknown fields and wrong wire types are treated
/// as the generated message treats them.
public struct RawInferRequestDeserializer: MessageDeserializer {
    /// `raw_input_contents`'s field number in `ModelInferRequest`.
    static let rawInputContents: UInt64 = 7

    public init() {}

    public func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> RawInferRequest {
        try serializedMessageBytes.withUnsafeBytes { bytes throws(RPCError) in
            var reader = ProtobufWireReader(bytes, message: "ModelInferRequest")
            var fields: [UInt8] = []
            var rawInputContents: [[UInt8]] = []
            while let field = try reader.next() {
                if field.number == Self.rawInputContents, field.wireType == .lengthDelimited {
                    rawInputContents.append(Array(bytes[field.payload]))
                } else {
                    fields.append(contentsOf: bytes[field.encoding])
                }
            }
            do {
                let message = try Inference_ModelInferRequest(serializedBytes: fields)
                return RawInferRequest(message: message, rawInputContents: rawInputContents)
            } catch {
                throw RPCError(code: .invalidArgument, message: "ModelInferRequest is not valid protobuf: \(error)")
            }
        }
    }
}
