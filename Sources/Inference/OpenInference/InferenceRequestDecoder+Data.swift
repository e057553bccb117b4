extension JSONCursor {
    /// Decodes a tensor's `data` into a new buffer of exactly its byte count
    /// (the shape was checked against the limits): a flat list of every
    /// element in row-major order, or lists nested exactly as the shape.
    mutating func readData(datatype: TensorDataType, shape: [Int], _ path: String, name: String)
        throws(OpenInferenceJSONError) -> [UInt8]
    {
        switch datatype {
        case .bool: try readData(as: JSONBool.self, datatype, shape, path, name)
        case .uint8: try readData(as: UInt8.self, datatype, shape, path, name)
        case .int8: try readData(as: Int8.self, datatype, shape, path, name)
        case .uint16: try readData(as: UInt16.self, datatype, shape, path, name)
        case .int16: try readData(as: Int16.self, datatype, shape, path, name)
        case .uint32: try readData(as: UInt32.self, datatype, shape, path, name)
        case .int32: try readData(as: Int32.self, datatype, shape, path, name)
        case .uint64: try readData(as: UInt64.self, datatype, shape, path, name)
        case .int64: try readData(as: Int64.self, datatype, shape, path, name)
        case .fp16: try readData(as: Float16.self, datatype, shape, path, name)
        case .fp32: try readData(as: Float.self, datatype, shape, path, name)
        case .fp64: try readData(as: Double.self, datatype, shape, path, name)
        }
    }

    private mutating func readData<Element: JSONElement>(
        as element: Element.Type, _ datatype: TensorDataType, _ shape: [Int], _ path: String, _ name: String
    ) throws(OpenInferenceJSONError) -> [UInt8] {
        let count = shape.reduce(1, *)
        var buffer = [UInt8](repeating: 0, count: count * MemoryLayout<Element>.size)
        var failure: OpenInferenceJSONError?
        buffer.withUnsafeMutableBytes { output in
            do throws(OpenInferenceJSONError) {
                var sink = ElementSink<Element>(output: output, count: count)
                let first = try peek(path, expected: "a list")
                guard first == UInt8(ascii: "[") else {
                    throw self.failure(.wrongType, path, "expected a list of numbers, found \(describe(first))")
                }
                offset += 1
                let next = try peek(path, expected: "a value or \"]\"")
                if shape.count > 1 && next == UInt8(ascii: "[") {
                    try readLevel(0, shape, &sink, datatype, path, name)
                } else {
                    try readFlat(&sink, datatype, shape, path, name)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return buffer
    }

    /// The elements of a flat list, after its `[`.
    private mutating func readFlat<Element: JSONElement>(
        _ sink: inout ElementSink<Element>, _ datatype: TensorDataType, _ shape: [Int], _ path: String,
        _ name: String
    ) throws(OpenInferenceJSONError) {
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "]"), isFirst: &isFirst, path) {
            guard sink.index < sink.count else {
                throw failure(
                    .shapeMismatch, "\(path)[\(sink.index)]",
                    "more than \(sink.count) values for input \"\(name)\" of shape \(shape)")
            }
            do {
                sink.append(try Element.read(&self, datatype, ""))
            } catch {
                throw error.at(path: "\(path)[\(sink.index)]")
            }
        }
        guard sink.index == sink.count else {
            throw failure(
                .shapeMismatch, path,
                "\(sink.index) values for input \"\(name)\" of shape \(shape), expected \(sink.count)", at: offset - 1)
        }
    }

    /// The lists of one level of nesting, after the `[` that opens it: each
    /// holds exactly `shape[level]` entries, numbers at the last level.
    private mutating func readLevel<Element: JSONElement>(
        _ level: Int, _ shape: [Int], _ sink: inout ElementSink<Element>, _ datatype: TensorDataType,
        _ path: String, _ name: String
    ) throws(OpenInferenceJSONError) {
        let last = level == shape.count - 1
        var entries = 0
        var isFirst = true
        while try hasNext(closing: UInt8(ascii: "]"), isFirst: &isFirst, path) {
            guard entries < shape[level] else {
                throw failure(
                    .shapeMismatch, position(path, shape, sink.index, level, entries),
                    "more than \(shape[level]) entries at dimension \(level) of input \"\(name)\" of shape \(shape)")
            }
            if last {
                do {
                    sink.append(try Element.read(&self, datatype, ""))
                } catch {
                    throw error.at(path: position(path, shape, sink.index, level, entries))
                }
            } else {
                let byte = try peek(path, expected: "a list")
                guard byte == UInt8(ascii: "[") else {
                    throw failure(
                        .shapeMismatch, position(path, shape, sink.index, level, entries),
                        "\(describe(byte)) where a list of \(shape[level + 1]) is expected (shape \(shape))")
                }
                offset += 1
                try readLevel(level + 1, shape, &sink, datatype, path, name)
            }
            entries += 1
        }
        guard entries == shape[level] else {
            throw failure(
                .shapeMismatch, position(path, shape, sink.index, level, nil),
                "\(entries) entries at dimension \(level) of input \"\(name)\" of shape \(shape), "
                    + "expected \(shape[level]) (nested data must match the shape)",
                at: offset - 1)
        }
    }

    /// `data[1][2]`: the indices of the list being read at `level`, from the
    /// number of elements stored before it (only built for a message).
    private func position(_ path: String, _ shape: [Int], _ stored: Int, _ level: Int, _ entry: Int?) -> String {
        var indices: [Int] = []
        var stride = shape.dropFirst().reduce(1, *)
        for dimension in 0..<level {
            indices.append(stride == 0 ? 0 : (stored / stride) % max(shape[dimension], 1))
            stride /= max(shape[dimension + 1], 1)
        }
        if let entry { indices.append(entry) }
        return path + indices.map { "[\($0)]" }.joined()
    }
}

extension OpenInferenceJSONError {
    /// The same error at `path`: elements are read without a path, which is
    /// only built when one fails.
    func at(path: String) -> OpenInferenceJSONError {
        var error = self
        error.path = path
        return error
    }

    /// The same error with its path under `prefix` (`inputs[0]` + `shape[1]`):
    /// an object's members are read with paths relative to it.
    func under(_ prefix: String) -> OpenInferenceJSONError {
        at(path: path.isEmpty ? prefix : prefix + (path.hasPrefix("[") ? "" : ".") + path)
    }
}

/// Where decoded elements go: the tensor's bytes, written in place.
struct ElementSink<Element> {
    let output: UnsafeMutableRawBufferPointer
    let count: Int
    private(set) var index = 0

    init(output: UnsafeMutableRawBufferPointer, count: Int) {
        self.output = output
        self.count = count
    }

    /// Stores the next element; the caller checked that `index < count`.
    mutating func append(_ value: Element) {
        output.storeBytes(of: value, toByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
        index += 1
    }
}
