import Topology

extension JSONWriter {
    /// `"id":"…",` when there is an id.
    mutating func idMember(_ id: String?) {
        guard let id else { return }
        key("id")
        string(id)
        byte(UInt8(ascii: ","))
    }

    /// A parameter value as the protocol writes it.
    mutating func parameter(_ value: InferenceParameter) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): integer(number)
        case .double(let number): float(number)
        case .bool(let flag): raw(flag ? "true" : "false")
        }
    }

    /// `{"name":value,…}` in name order, so that output is stable.
    mutating func parameters(_ values: [String: InferenceParameter]) {
        byte(UInt8(ascii: "{"))
        for (index, name) in values.keys.sorted().enumerated() {
            if index > 0 { byte(UInt8(ascii: ",")) }
            string(name)
            byte(UInt8(ascii: ":"))
            if let value = values[name] { parameter(value) }
        }
        byte(UInt8(ascii: "}"))
    }

    /// `"shape":[…]`
    mutating func shape(_ dimensions: [Int]) {
        key("shape")
        byte(UInt8(ascii: "["))
        for (index, dimension) in dimensions.enumerated() {
            if index > 0 { byte(UInt8(ascii: ",")) }
            integer(dimension)
        }
        byte(UInt8(ascii: "]"))
    }

    /// `[…]`: a tensor's elements, flat in row-major order.
    mutating func data(of tensor: Tensor) {
        byte(UInt8(ascii: "["))
        tensor.bytes.withUnsafeBytes { raw in
            switch tensor.datatype {
            case .bool: elements(raw, as: UInt8.self) { writer, value in writer.raw(value == 0 ? "false" : "true") }
            case .uint8: elements(raw, as: UInt8.self) { $0.integer($1) }
            case .int8: elements(raw, as: Int8.self) { $0.integer($1) }
            case .uint16: elements(raw, as: UInt16.self) { $0.integer($1) }
            case .int16: elements(raw, as: Int16.self) { $0.integer($1) }
            case .uint32: elements(raw, as: UInt32.self) { $0.integer($1) }
            case .int32: elements(raw, as: Int32.self) { $0.integer($1) }
            case .uint64: elements(raw, as: UInt64.self) { $0.integer($1) }
            case .int64: elements(raw, as: Int64.self) { $0.integer($1) }
            case .fp16: elements(raw, as: Float16.self) { $0.float($1) }
            case .fp32: elements(raw, as: Float.self) { $0.float($1) }
            case .fp64: elements(raw, as: Double.self) { $0.float($1) }
            }
        }
        byte(UInt8(ascii: "]"))
    }

    private mutating func elements<Element: BitwiseCopyable>(
        _ raw: UnsafeRawBufferPointer, as type: Element.Type, _ write: (inout JSONWriter, Element) -> Void
    ) {
        let width = MemoryLayout<Element>.size
        for index in 0..<raw.count / width {
            if index > 0 { byte(UInt8(ascii: ",")) }
            write(&self, raw.loadUnaligned(fromByteOffset: index * width, as: Element.self))
        }
    }

    /// An upper bound on the bytes ``data(of:)`` writes for `tensor`, so the buffer is sized once.
    static func dataCapacity(of tensor: Tensor) -> Int {
        let perElement =
            switch tensor.datatype {
            case .bool: 6
            case .uint8, .int8: 5
            case .uint16, .int16: 7
            case .uint32, .int32: 12
            case .uint64, .int64: 21
            case .fp16: 12
            case .fp32: 17
            case .fp64: 26
            }
        return 2 + tensor.bytes.count / tensor.datatype.byteWidth * perElement
    }
}
