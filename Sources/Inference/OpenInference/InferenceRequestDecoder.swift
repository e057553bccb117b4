/// Decodes an Open Inference Protocol v2 infer request (`{"id", "parameters",
/// "inputs", "outputs"}`) from the JSON part of a body held in one buffer.
///
/// Each input's `data` is decoded straight into the tensor's bytes in its
/// declared datatype: one buffer per tensor, allocated once its shape is
/// checked against ``TensorLimits``, with no number boxed or copied on the
/// way. `data` may be flat (row-major) or nested exactly as the shape; a
/// ragged list is refused, not flattened. An input may carry
/// `parameters.binary_data_size` instead of `data` (the binary tensor
/// extension); ``InferenceRequest/attachBinaryData(_:)`` fills those in.
/// Keys this decoder does not read are skipped but still checked as JSON.
/// Every failure is an ``OpenInferenceJSONError``; no input traps.
public struct InferenceRequestDecoder: Sendable {
    /// The bounds every shape and the nesting are checked against.
    public var limits: TensorLimits

    /// A decoder with `limits`.
    public init(limits: TensorLimits = TensorLimits()) {
        self.limits = limits
    }

    /// Decodes the request in `body` (the JSON part only when the binary
    /// extension's `Inference-Header-Content-Length` splits it).
    public func decode(_ body: UnsafeRawBufferPointer) throws(OpenInferenceJSONError) -> InferenceRequest {
        var cursor = JSONCursor(bytes: body, limits: limits)
        return try cursor.readRequest()
    }

    /// Decodes the request in `body`.
    public func decode(_ body: [UInt8]) throws(OpenInferenceJSONError) -> InferenceRequest {
        let result = body.withUnsafeBytes { bytes in
            Result { () throws(OpenInferenceJSONError) in try decode(bytes) }
        }
        return try result.get()
    }
}

extension JSONCursor {
    /// The whole body: one object and nothing after it but whitespace.
    mutating func readRequest() throws(OpenInferenceJSONError) -> InferenceRequest {
        skipWhitespace()
        guard !isAtEnd else {
            throw failure(.truncated, "", "the body is empty; expected {\"inputs\": [{\"name\", …}]}")
        }
        try expectObject("", what: "the request {\"inputs\": [{\"name\", \"datatype\", \"shape\", \"data\"}, …]}")
        var request = InferenceRequest(inputs: [])
        var seen = KeySet()
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "}"), isFirst: &isFirst, "") {
            let keyStart = offset
            let key = try readString("")
            try expect(UInt8(ascii: ":"), "")
            if token(key, is: "id") {
                try seen.insert(.id, at: keyStart, "id", self)
                request.id = text(of: try readString("id"))
            } else if token(key, is: "parameters") {
                try seen.insert(.parameters, at: keyStart, "parameters", self)
                request.parameters = try readParameters("parameters", depth: 1)
            } else if token(key, is: "inputs") {
                try seen.insert(.inputs, at: keyStart, "inputs", self)
                request.inputs = try readList("inputs", depth: 1) { (cursor, index) throws(OpenInferenceJSONError) in
                    try cursor.readInput(index: index)
                }
            } else if token(key, is: "outputs") {
                try seen.insert(.outputs, at: keyStart, "outputs", self)
                request.outputs = try readList("outputs", depth: 1) {
                    (cursor, index) throws(OpenInferenceJSONError) in
                    try cursor.readOutput(index: index)
                }
            } else {
                try skipValue(depth: 1, text(of: key))
            }
        }
        skipWhitespace()
        guard isAtEnd else {
            throw failure(.syntax, "", "\(describe(bytes[offset])) after the end of the request object")
        }
        guard seen.contains(.inputs) else {
            throw failure(.missingKey, "inputs", "is missing; a request needs {\"inputs\": [...]}", at: 0)
        }
        return request
    }

    /// Consumes `{`, or says the value is something else.
    mutating func expectObject(_ path: String, what: String) throws(OpenInferenceJSONError) {
        let byte = try peek(path, expected: what)
        guard byte == UInt8(ascii: "{") else {
            throw failure(.wrongType, path, "expected \(what), found \(describe(byte))")
        }
        offset += 1
    }

    /// A JSON list whose elements `element` reads, at nesting `depth` of its container.
    mutating func readList<Element>(
        _ path: String, depth: Int,
        _ element: (inout JSONCursor, Int) throws(OpenInferenceJSONError) -> Element
    ) throws(OpenInferenceJSONError) -> [Element] {
        let byte = try peek(path, expected: "a list")
        guard byte == UInt8(ascii: "[") else {
            throw failure(.wrongType, path, "expected a list, found \(describe(byte))")
        }
        guard depth < limits.maximumDepth else {
            throw failure(.tooDeep, path, "nested deeper than \(limits.maximumDepth) lists and objects")
        }
        offset += 1
        var elements: [Element] = []
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "]"), isFirst: &isFirst, path) {
            elements.append(try element(&self, elements.count))
        }
        return elements
    }

    /// A `parameters` object: strings, numbers and booleans by name (`null` leaves a key out).
    mutating func readParameters(_ path: String, depth: Int) throws(OpenInferenceJSONError)
        -> [String: InferenceParameter]
    {
        try expectObject(path, what: "an object of parameters")
        guard depth < limits.maximumDepth else {
            throw failure(.tooDeep, path, "nested deeper than \(limits.maximumDepth) lists and objects")
        }
        var parameters: [String: InferenceParameter] = [:]
        var nulls = Set<String>()
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "}"), isFirst: &isFirst, path) {
            let keyStart = offset
            let name = text(of: try readString(path))
            guard parameters[name] == nil, !nulls.contains(name) else {
                throw failure(.missingKey, "\(path).\(name)", "is given twice", at: keyStart)
            }
            do {
                try readParameter(name, into: &parameters, nulls: &nulls)
            } catch {
                throw error.under("\(path).\(name)")
            }
        }
        return parameters
    }

    /// One parameter's value, its errors' paths relative to it.
    private mutating func readParameter(
        _ name: String, into parameters: inout [String: InferenceParameter], nulls: inout Set<String>
    ) throws(OpenInferenceJSONError) {
        try expect(UInt8(ascii: ":"), "")
        let byte = try peek("", expected: "a value")
        switch byte {
        case UInt8(ascii: "\""): parameters[name] = .string(text(of: try readString("")))
        case UInt8(ascii: "t"):
            try consume("true", "")
            parameters[name] = .bool(true)
        case UInt8(ascii: "f"):
            try consume("false", "")
            parameters[name] = .bool(false)
        case UInt8(ascii: "n"):
            try consume("null", "")
            nulls.insert(name)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw failure(.wrongType, "", "\(describe(byte)); a parameter is a string, number or boolean")
        default:
            let number = try scanNumber("")
            if number.isInteger, let magnitude = number.magnitude,
                magnitude <= (number.negative ? UInt64(1) << 63 : UInt64(Int64.max))
            {
                parameters[name] = .int(number.negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude))
            } else {
                let value = number.double(in: bytes)
                guard value.isFinite else {
                    throw failure(.invalidNumber, "", "\(literal(number)) is out of range", at: number.start)
                }
                parameters[name] = .double(value)
            }
        }
    }

    /// One of `outputs`: `{"name", "parameters"}`.
    mutating func readOutput(index: Int) throws(OpenInferenceJSONError) -> RequestedOutput {
        do {
            return try readOutputObject()
        } catch {
            throw error.under("outputs[\(index)]")
        }
    }

    private mutating func readOutputObject() throws(OpenInferenceJSONError) -> RequestedOutput {
        let start = offset
        try expectObject("", what: "an object {\"name\", \"parameters\"}")
        var name: String?
        var parameters: [String: InferenceParameter] = [:]
        var seen = KeySet()
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "}"), isFirst: &isFirst, "") {
            let keyStart = offset
            let key = try readString("")
            try expect(UInt8(ascii: ":"), "")
            if token(key, is: "name") {
                try seen.insert(.name, at: keyStart, "name", self)
                name = text(of: try readString("name"))
            } else if token(key, is: "parameters") {
                try seen.insert(.parameters, at: keyStart, "parameters", self)
                parameters = try readParameters("parameters", depth: 3)
            } else {
                try skipValue(depth: 3, text(of: key))
            }
        }
        guard let name else { throw failure(.missingKey, "name", "is missing", at: start) }
        return RequestedOutput(name: name, parameters: parameters)
    }
}

/// The keys of one object seen so far, so that a key given twice is refused.
struct KeySet {
    enum Key: UInt16 {
        case id = 1, parameters = 2, inputs = 4, outputs = 8, name = 16, datatype = 32, shape = 64, data = 128
    }

    private var bits: UInt16 = 0

    func contains(_ key: Key) -> Bool {
        bits & key.rawValue != 0
    }

    mutating func insert(_ key: Key, at offset: Int, _ path: String, _ cursor: JSONCursor)
        throws(OpenInferenceJSONError)
    {
        guard !contains(key) else { throw cursor.failure(.missingKey, path, "is given twice", at: offset) }
        bits |= key.rawValue
    }
}
