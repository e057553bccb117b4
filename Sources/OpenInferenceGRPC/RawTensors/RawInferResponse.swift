public import GRPCCore
import SwiftProtobuf

/// A `ModelInferResponse` with its `raw_output_contents` apart, as the
/// runtime's arrays: ``RawInferResponseSerializer`` copies each into the
/// transport's buffer once, where the generated message would take a
/// `Data` copy first.
public struct RawInferResponse: Sendable {
    /// Every field but `raw_output_contents`.
    public var message: Inference_ModelInferResponse
    /// `raw_output_contents`, one per output.
    public var rawOutputContents: [[UInt8]]

    public init(message: Inference_ModelInferResponse, rawOutputContents: [[UInt8]]) {
        self.message = message
        self.rawOutputContents = rawOutputContents
    }

    /// `raw_output_contents`'s field number in `ModelInferResponse`.
    static let rawOutputContents: UInt64 = 6

    /// The encoded fields and the size of the whole encoding.
    func encodedFields() throws -> (fields: [UInt8], size: Int) {
        let fields: [UInt8] = try message.serializedBytes()
        let size = rawOutputContents.reduce(fields.count) {
            $0 + ProtobufWireWriter.size(ofLengthDelimited: Self.rawOutputContents, length: $1.count)
        }
        return (fields, size)
    }

    /// Writes the encoding whose fields `encodedFields()` gave.
    func write(fields: [UInt8], into writer: inout ProtobufWireWriter) {
        writer.write(fields)
        for contents in rawOutputContents {
            writer.writeLengthDelimitedHeader(field: Self.rawOutputContents, length: contents.count)
            writer.write(contents)
        }
    }
}

/// Writes a ``RawInferResponse`` as the `ModelInferResponse` it stands for.
public struct RawInferResponseSerializer: MessageSerializer {
    public init() {}

    public func serialize<Bytes: GRPCContiguousBytes>(_ response: RawInferResponse) throws -> Bytes {
        let (fields, size) = try RawEncoding.encoding { try response.encodedFields() }
        return RawEncoding.bytes(count: size) { response.write(fields: fields, into: &$0) }
    }
}

/// One answer on `ModelStreamInfer`: a response, or the error a request
/// got (Triton's `error_message`, with the request's model and id in the
/// response).
public struct RawStreamInferResponse: Sendable {
    public var errorMessage: String
    public var response: RawInferResponse

    public init(errorMessage: String = "", response: RawInferResponse) {
        self.errorMessage = errorMessage
        self.response = response
    }

    /// `infer_response`'s field number in `ModelStreamInferResponse`.
    static let inferResponse: UInt64 = 2
}

/// Writes a ``RawStreamInferResponse`` as the `ModelStreamInferResponse` it
/// stands for.
public struct RawStreamInferResponseSerializer: MessageSerializer {
    public init() {}

    public func serialize<Bytes: GRPCContiguousBytes>(_ answer: RawStreamInferResponse) throws -> Bytes {
        let (error, (fields, responseSize)) = try RawEncoding.encoding {
            let error: [UInt8] = try Inference_ModelStreamInferResponse.with { $0.errorMessage = answer.errorMessage }
                .serializedBytes()
            return (error, try answer.response.encodedFields())
        }
        let size =
            error.count
            + ProtobufWireWriter.size(ofLengthDelimited: RawStreamInferResponse.inferResponse, length: responseSize)
        return RawEncoding.bytes(count: size) { writer in
            writer.write(error)
            writer.writeLengthDelimitedHeader(field: RawStreamInferResponse.inferResponse, length: responseSize)
            answer.response.write(fields: fields, into: &writer)
        }
    }
}

/// What the raw serializers share.
enum RawEncoding {
    /// What `body` encodes; its failure as the gRPC error the client gets.
    static func encoding<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch {
            throw RPCError(code: .internalError, message: "the answer could not be encoded: \(error)")
        }
    }

    /// `count` bytes that `write` fills. They are zeroed first: the
    /// transport's byte type offers no uninitialised storage, and a memset
    /// is cheaper than building the answer elsewhere and copying it in.
    static func bytes<Bytes: GRPCContiguousBytes>(count: Int, _ write: (inout ProtobufWireWriter) -> Void) -> Bytes {
        var bytes = Bytes(repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            var writer = ProtobufWireWriter(buffer)
            write(&writer)
            assert(writer.isFull, "the encoding's size was computed wrong")
        }
        return bytes
    }
}
