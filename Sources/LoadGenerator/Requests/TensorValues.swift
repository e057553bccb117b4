import Topology

/// Random values for one input tensor, held both as the little-endian bytes
/// the binary extension sends and as the JSON array text, drawn once from the
/// seed so the two encodings carry the same numbers.
struct TensorValues: Sendable {
    /// The tensor, its variable (`-1`) dimensions set to 1.
    var tensor: ModelMetadata.Tensor
    /// Row-major little-endian bytes.
    var bytes: [UInt8]
    /// The `data` array's elements, comma-separated, without brackets; nil for
    /// datatypes JSON cannot carry (FP16, BF16).
    var jsonElements: String?

    /// The most elements one input may have (so a shape cannot exhaust memory).
    static let elementLimit = 1 << 26

    /// Draws values for `tensor` from `random`.
    /// - Throws: ``LoadError/Kind/unusableMetadata`` for an unknown datatype, `BYTES`,
    ///   a negative dimension other than -1, or more than ``elementLimit`` elements.
    init(for tensor: ModelMetadata.Tensor, random: inout SplitMix64, source: String) throws(LoadError) {
        func unusable(_ problem: String) -> LoadError {
            LoadError(.unusableMetadata, "\(source): input \"\(tensor.name)\": \(problem)")
        }
        var shape: [Int] = []
        var count = 1
        for dimension in tensor.shape {
            guard dimension >= -1 else { throw unusable("dimension \(dimension) in shape \(tensor.shape)") }
            let size = dimension == -1 ? 1 : dimension
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= Self.elementLimit else {
                throw unusable("shape \(tensor.shape) has more than \(Self.elementLimit) elements")
            }
            count = product
            shape.append(size)
        }
        self.tensor = ModelMetadata.Tensor(name: tensor.name, datatype: tensor.datatype, shape: shape)
        var bytes: [UInt8] = []
        var elements: [String] = []
        func append<Value: FixedWidthInteger>(_ value: Value) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        func integers<Value: FixedWidthInteger>(_: Value.Type) {
            for _ in 0..<count {
                let value = Value(truncatingIfNeeded: random.next() % 100)
                append(value)
                elements.append(String(value))
            }
        }
        var representableInJSON = true
        switch tensor.datatype {
        case "BOOL":
            for _ in 0..<count {
                let value = random.next() & 1 == 1
                bytes.append(value ? 1 : 0)
                elements.append(value ? "true" : "false")
            }
        case "UINT8": integers(UInt8.self)
        case "UINT16": integers(UInt16.self)
        case "UINT32": integers(UInt32.self)
        case "UINT64": integers(UInt64.self)
        case "INT8": integers(Int8.self)
        case "INT16": integers(Int16.self)
        case "INT32": integers(Int32.self)
        case "INT64": integers(Int64.self)
        case "FP32":
            for _ in 0..<count {
                let value = Float(random.nextOpenUnit())
                append(value.bitPattern)
                elements.append(value.description)
            }
        case "FP64":
            for _ in 0..<count {
                let value = random.nextOpenUnit()
                append(value.bitPattern)
                elements.append(value.description)
            }
        case "FP16":
            representableInJSON = false
            for _ in 0..<count { append(UInt16(0x3800) | UInt16(truncatingIfNeeded: random.next() & 0x3FF)) }
        case "BF16":
            representableInJSON = false
            for _ in 0..<count { append(UInt16(0x3F00) | UInt16(truncatingIfNeeded: random.next() & 0x7F)) }
        default:
            throw unusable("datatype \"\(tensor.datatype)\" is not one the generator can fill (BYTES is not supported)")
        }
        self.bytes = bytes
        jsonElements = representableInJSON ? elements.joined(separator: ",") : nil
    }
}
