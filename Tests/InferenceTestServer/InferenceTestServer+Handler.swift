import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

extension InferenceTestServer {
    /// One connection: collects each request, routes it, answers it.
    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let shared: Shared
        private var head: HTTPRequestHead?
        private var body = ByteBuffer()

        init(shared: Shared) {
            self.shared = shared
        }

        /// Closes the listener once `connectionLimit` connections are up (here rather than while the
        /// connection is still being set up, which closing the listener would abort).
        func channelActive(context: ChannelHandlerContext) {
            if let limit = shared.connectionLimit, shared.log.withLock({ $0.connections }) >= limit {
                context.channel.parent?.close(promise: nil)
            }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                self.head = nil
                route(head, context: context)
            }
        }

        private func route(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
            let modelPath = "/v2/models/\(shared.model)"
            if head.method == .GET, head.uri == modelPath {
                respond(context, head: head, status: 200, body: shared.metadata)
            } else if head.method == .POST, head.uri == modelPath + "/infer" {
                let request = inspect(head, body: Array(buffer: body))
                switch shared.answer(request) {
                case .ok(let delay, let variant):
                    let version = variant.map { #","model_version":"\#($0)""# } ?? ""
                    let output = Array(
                        (#"{"model_name":"toy""# + version
                            + #","outputs":[{"name":"y","datatype":"FP32","shape":[1],"data":[0.5]}]}"#).utf8)
                    let isolated = context.eventLoop.assumeIsolated()
                    isolated.scheduleTask(
                        in: .nanoseconds(
                            Int64(delay.components.seconds) * 1_000_000_000 + delay.components.attoseconds
                                / 1_000_000_000)
                    ) {
                        self.respond(context, head: head, status: 200, body: output)
                    }
                case .error(let status, let reason):
                    let text = reason.map { #"{"error":"refused","reason":"\#($0)"}"# } ?? #"{"error":"refused"}"#
                    respond(context, head: head, status: status, body: Array(text.utf8))
                case .silence:
                    return
                case .hangUp:
                    context.close(promise: nil)
                }
            } else {
                respond(context, head: head, status: 404, body: Array(#"{"error":"not found"}"#.utf8))
            }
        }

        private func respond(_ context: ChannelHandlerContext, head: HTTPRequestHead, status: Int, body: [UInt8]) {
            guard context.channel.isActive else { return }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.count))
            let response = HTTPResponseHead(
                version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
            context.write(wrapOutboundOut(.head(response)), promise: nil)
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        /// Reads the body as the protocol says (JSON, or the binary split),
        /// logs whether it is well-formed, and returns its parameters.
        private func inspect(_ head: HTTPRequestHead, body: [UInt8]) -> Request {
            var problem: String?
            var isBinary = false
            var jsonBytes = body[...]
            var binaryCount = 0
            if let field = head.headers.first(name: "Inference-Header-Content-Length") {
                isBinary = true
                if let length = Int(field), length >= 0, length <= body.count {
                    jsonBytes = body[..<length]
                    binaryCount = body.count - length
                } else {
                    problem = "Inference-Header-Content-Length \(field) for a body of \(body.count) bytes"
                }
            }
            let document = (try? JSONSerialization.jsonObject(with: Data(jsonBytes))) as? [String: Any] ?? [:]
            if problem == nil { problem = check(document, binary: isBinary, binaryCount: binaryCount) }
            let parameters = document["parameters"] as? [String: Any] ?? [:]
            let priority = (parameters["priority"] as? String) ?? (parameters["priority"] as? Int).map(String.init)
            let timeout = parameters["timeout"] as? Int
            let allowDowngrade = parameters["edgesched_allow_downgrade"] as? Bool
            shared.log.withLock { log in
                if let problem {
                    log.problems.append(problem)
                } else {
                    log.wellFormed += 1
                    if isBinary { log.binary += 1 }
                }
                log.priorities[priority ?? "-", default: 0] += 1
                log.timeouts[timeout.map(String.init) ?? "-", default: 0] += 1
                if allowDowngrade == false { log.downgradesRefused += 1 }
            }
            return Request(priority: priority, timeout: timeout, allowDowngrade: allowDowngrade)
        }

        private func check(_ document: [String: Any], binary: Bool, binaryCount: Int) -> String? {
            guard let inputs = document["inputs"] as? [[String: Any]], inputs.count == shared.inputs.count else {
                return "inputs missing or not \(shared.inputs.count)"
            }
            var expectedBytes = 0
            for (input, (name, datatype, shape)) in zip(inputs, shared.inputs) {
                let elements = shape.map { max(1, $0) }.reduce(1, *)
                guard input["name"] as? String == name, input["datatype"] as? String == datatype,
                    input["shape"] as? [Int] == shape.map({ max(1, $0) })
                else { return "input \(input) does not match \(name) \(datatype) \(shape)" }
                if binary {
                    guard input["data"] == nil,
                        let size = (input["parameters"] as? [String: Any])?["binary_data_size"] as? Int
                    else { return "binary input \(name) without binary_data_size or with data" }
                    guard size == elements * Self.width(datatype) else {
                        return "binary_data_size \(size) for \(elements) \(datatype)"
                    }
                    expectedBytes += size
                } else {
                    guard let data = input["data"] as? [Any], data.count == elements else {
                        return "input \(name): data is not \(elements) values"
                    }
                }
            }
            if binary {
                guard expectedBytes == binaryCount else {
                    return "\(binaryCount) binary bytes, inputs say \(expectedBytes)"
                }
                let outputs = document["outputs"] as? [[String: Any]] ?? []
                let asked = outputs.filter { ($0["parameters"] as? [String: Any])?["binary_data"] as? Bool == true }
                guard asked.compactMap({ $0["name"] as? String }) == shared.outputNames else {
                    return "binary outputs asked: \(outputs)"
                }
            }
            return nil
        }

        private static func width(_ datatype: String) -> Int {
            switch datatype {
            case "BOOL", "INT8", "UINT8": 1
            case "INT16", "UINT16", "FP16", "BF16": 2
            case "INT32", "UINT32", "FP32": 4
            default: 8
            }
        }
    }
}
