extension JSONCursor {
    /// One of `inputs`: `{"name", "datatype", "shape", "parameters", "data"}`
    /// in any order. `data` is decoded where it stands when the name,
    /// datatype and shape came first (as `tritonclient` writes them), and
    /// otherwise from its remembered offset once the object is read.
    mutating func readInput(index: Int) throws(OpenInferenceJSONError) -> RequestInput {
        do {
            return try readInputObject()
        } catch {
            throw error.under("inputs[\(index)]")
        }
    }

    /// The input object, its errors' paths relative to it (the path of an
    /// input is only built when it fails).
    private mutating func readInputObject() throws(OpenInferenceJSONError) -> RequestInput {
        let start = offset
        try expectObject("", what: "an object {\"name\", \"datatype\", \"shape\", \"data\"}")
        var name: String?
        var datatype: TensorDataType?
        var shape: [Int]?
        var shapeOffset = start
        var parameters: [String: InferenceParameter] = [:]
        var bytes: [UInt8]?
        var dataOffset: Int?
        var seen = KeySet()
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "}"), isFirst: &isFirst, "") {
            let keyStart = offset
            let key = try readString("")
            try expect(UInt8(ascii: ":"), "")
            if token(key, is: "name") {
                try seen.insert(.name, at: keyStart, "name", self)
                name = text(of: try readString("name"))
            } else if token(key, is: "datatype") {
                try seen.insert(.datatype, at: keyStart, "datatype", self)
                datatype = try readDatatype("datatype")
            } else if token(key, is: "shape") {
                try seen.insert(.shape, at: keyStart, "shape", self)
                skipWhitespace()
                shapeOffset = offset
                shape = try readShape("shape")
            } else if token(key, is: "parameters") {
                try seen.insert(.parameters, at: keyStart, "parameters", self)
                parameters = try readParameters("parameters", depth: 3)
            } else if token(key, is: "data") {
                try seen.insert(.data, at: keyStart, "data", self)
                skipWhitespace()
                dataOffset = offset
                if let name, let datatype, let shape {
                    try checkLimits(shape, datatype, "shape", at: shapeOffset)
                    bytes = try readData(datatype: datatype, shape: shape, "data", name: name)
                } else {
                    try skipValue(depth: 3, "data")
                }
            } else {
                try skipValue(depth: 3, text(of: key))
            }
        }
        guard let name else { throw failure(.missingKey, "name", "is missing", at: start) }
        guard let datatype else { throw failure(.missingKey, "datatype", "is missing", at: start) }
        guard let shape else { throw failure(.missingKey, "shape", "is missing", at: start) }
        try checkLimits(shape, datatype, "shape", at: shapeOffset)
        let expectedBytes = shape.reduce(1, *) * datatype.byteWidth
        let binaryDataSize = try binarySize(parameters, expected: expectedBytes, at: start)
        if let dataOffset, bytes == nil {
            var data = JSONCursor(bytes: self.bytes, limits: limits, offset: dataOffset)
            bytes = try data.readData(datatype: datatype, shape: shape, "data", name: name)
        }
        switch (bytes, binaryDataSize) {
        case (.some, .some):
            throw failure(
                .syntax, "data", "given with parameters.binary_data_size; send one of them",
                at: dataOffset ?? start)
        case (.none, .none):
            throw failure(
                .missingKey, "data", "is missing (or parameters.binary_data_size for a binary tensor)",
                at: start)
        default:
            return RequestInput(
                tensor: Tensor(name: name, datatype: datatype, shape: shape, bytes: bytes ?? []),
                parameters: parameters, binaryDataSize: binaryDataSize)
        }
    }

    private mutating func readDatatype(_ path: String) throws(OpenInferenceJSONError) -> TensorDataType {
        skipWhitespace()
        let start = offset
        let text = text(of: try readString(path))
        guard let datatype = TensorDataType(rawValue: text) else {
            let known = TensorDataType.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure(
                .unknownDatatype, path, "\"\(text)\" is not a datatype this agent serves (\(known))", at: start)
        }
        return datatype
    }

    /// A list of integer dimensions of 0 or more (`2.5`, `-1` and `true` are refused).
    private mutating func readShape(_ path: String) throws(OpenInferenceJSONError) -> [Int] {
        try readList(path, depth: 3) { (cursor, index) throws(OpenInferenceJSONError) in
            func dimensionPath() -> String { "\(path)[\(index)]" }
            guard index < cursor.limits.maximumRank else {
                throw cursor.failure(
                    .limitExceeded, path, "more than \(cursor.limits.maximumRank) dimensions (the limit)")
            }
            let number: JSONNumber
            do throws(OpenInferenceJSONError) {
                number = try cursor.scanNumber("")
            } catch {
                throw error.at(path: dimensionPath())
            }
            guard number.isInteger, !number.negative || number.magnitude == 0 else {
                throw cursor.failure(
                    .shapeMismatch, dimensionPath(),
                    "\(cursor.literal(number)) is not a dimension (an integer of 0 or more)", at: number.start)
            }
            guard let magnitude = number.magnitude, let dimension = Int(exactly: magnitude) else {
                throw cursor.failure(
                    .limitExceeded, dimensionPath(), "\(cursor.literal(number)) is past any tensor size",
                    at: number.start)
            }
            return dimension
        }
    }

    private func checkLimits(_ shape: [Int], _ datatype: TensorDataType, _ path: String, at position: Int)
        throws(OpenInferenceJSONError)
    {
        if let refusal = limits.refusal(shape: shape, datatype: datatype) {
            throw failure(.limitExceeded, path, refusal, at: position)
        }
    }

    /// `parameters.binary_data_size`, which must be the tensor's byte count.
    private func binarySize(
        _ parameters: [String: InferenceParameter], expected: Int, at position: Int
    ) throws(OpenInferenceJSONError) -> Int? {
        guard let value = parameters["binary_data_size"] else { return nil }
        guard case .int(let size) = value, size == expected else {
            throw failure(
                .shapeMismatch, "parameters.binary_data_size",
                "\(value) bytes, expected \(expected) for the declared shape and datatype", at: position)
        }
        return expected
    }
}
