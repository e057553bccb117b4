package import NIOCore
package import NIOHTTP1

/// The requests of a run, built once before it starts: for each class a few
/// bodies with different random inputs, so sending one costs a header copy
/// and a reference to a ready buffer.
///
/// Invariant: every class has at least one request.
package struct RequestPool: Sendable {
    /// A request ready to write.
    package struct Prepared: Sendable {
        /// The request line and headers.
        package var head: HTTPRequestHead
        /// The body.
        package var body: ByteBuffer
    }

    private let requests: [[Prepared]]

    /// Builds the pool for `plan`, sent to `url`, from `metadata`, values drawn from the plan's seed.
    package init(plan: LoadPlan, url: ServerURL, metadata: ModelMetadata) throws(LoadError) {
        let source = "\(url)/v2/models/\(plan.model)"
        if plan.tensors == .json,
            let binaryOnly = metadata.inputs.first(where: { ["FP16", "BF16"].contains($0.datatype) })
        {
            throw LoadError(
                .unusableMetadata,
                "\(source): input \"\(binaryOnly.name)\" is \(binaryOnly.datatype), which JSON cannot carry; use --tensors binary"
            )
        }
        let path = url.pathPrefix + "/v2/models/" + Self.percentEncoded(plan.model) + "/infer"
        let sets = try TensorValues.sets(
            for: metadata.inputs, plan: plan, bytesPerByte: plan.tensors == .json ? 8 : 1, source: source)
        let allocator = ByteBufferAllocator()
        requests = plan.classes.enumerated().map { classIndex, trafficClass in
            let parameters = RequestBody.Parameters(plan: plan, classIndex: classIndex)
            return sets.enumerated().map { setIndex, inputs in
                let encoded = RequestBody.encode(
                    id: "\(trafficClass.name)-\(setIndex)", inputs: inputs, outputs: metadata.outputs,
                    parameters: parameters, encoding: plan.tensors, allocator: allocator)
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: url.hostHeader)
                headers.add(
                    name: "Content-Type",
                    value: encoded.headerLength == nil ? "application/json" : "application/octet-stream"
                )
                headers.add(name: "Content-Length", value: String(encoded.body.readableBytes))
                if let headerLength = encoded.headerLength {
                    headers.add(name: RequestBody.headerLengthField, value: String(headerLength))
                }
                return Prepared(
                    head: HTTPRequestHead(version: .http1_1, method: .POST, uri: path, headers: headers),
                    body: encoded.body)
            }
        }
    }

    /// The request for the `sequence`-th arrival of class `classIndex`: the sets taken in turn.
    package func request(classIndex: Int, sequence: Int) -> Prepared {
        let bodies = requests[classIndex]
        return bodies[sequence % bodies.count]
    }

    /// `text` with every byte outside RFC 3986's unreserved set percent-encoded, for a path segment.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }
}
