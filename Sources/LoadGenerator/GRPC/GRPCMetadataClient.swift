import GRPCCore
import GRPCNIOTransportHTTP2Posix
import OpenInferenceGRPC
import SwiftProtobuf

/// Asks a gRPC server for a model's metadata (`ModelMetadata`).
enum GRPCMetadataClient {
    /// The metadata of `model`, or a ``LoadError`` naming the server and the fix.
    static func fetch(
        model: String, service: Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix>, source: String
    ) async throws(LoadError) -> ModelMetadata {
        let answer: Inference_ModelMetadataResponse
        do {
            answer = try await service.modelMetadata(.with { $0.name = model })
        } catch let error as RPCError where error.code == .notFound || error.code == .invalidArgument {
            throw LoadError(
                .metadataRefused, "\(source): the server refused the metadata of \(model): \(error.message)")
        } catch {
            throw LoadError(
                .serverUnreachable, "\(source): no metadata (\(error)); is the server running and is --grpc right?")
        }
        func tensors(_ list: [Inference_ModelMetadataResponse.TensorMetadata]) -> [ModelMetadata.Tensor] {
            list.map { ModelMetadata.Tensor(name: $0.name, datatype: $0.datatype, shape: $0.shape.map { Int($0) }) }
        }
        return ModelMetadata(name: answer.name, inputs: tensors(answer.inputs), outputs: tensors(answer.outputs))
    }
}
