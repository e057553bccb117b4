import Topology

extension ModelManifest {
    /// Inputs of the manifest's shapes (-1 taken as 1) filled with values
    /// drawn from `seed` alone, so the same seed gives the same bytes on every
    /// run: floats uniform in [-1, 1), booleans 0 or 1, integers in 0..<10.
    /// A shape past `limits` is refused before anything is allocated.
    public func randomInputs(seed: UInt64, limits: TensorLimits = TensorLimits()) throws(InferenceError) -> [Tensor] {
        var random = SplitMix64(seed: seed)
        func next() -> UInt64 { random.next() }
        var tensors: [Tensor] = []
        for spec in inputs {
            let shape = spec.shape.map { $0 == -1 ? 1 : $0 }
            if let refusal = limits.refusal(shape: shape, datatype: spec.datatype) {
                throw InferenceError(.invalidInput, "model \(name): input \"\(spec.name)\": \(refusal)")
            }
            let count = shape.reduce(1, *)
            var bytes = [UInt8](repeating: 0, count: count * spec.datatype.byteWidth)
            bytes.withUnsafeMutableBytes { raw in
                for index in 0..<count {
                    let bits = next()
                    let unit = Double(bits >> 11) / Double(1 << 53) * 2 - 1
                    switch spec.datatype {
                    case .fp16: raw.storeBytes(of: Float16(unit), toByteOffset: index * 2, as: Float16.self)
                    case .fp32: raw.storeBytes(of: Float(unit), toByteOffset: index * 4, as: Float.self)
                    case .fp64: raw.storeBytes(of: unit, toByteOffset: index * 8, as: Double.self)
                    case .bool: raw[index] = UInt8(bits % 2)
                    default:
                        for byte in 0..<spec.datatype.byteWidth {
                            raw[index * spec.datatype.byteWidth + byte] = byte == 0 ? UInt8(bits % 10) : 0
                        }
                    }
                }
            }
            tensors.append(Tensor(name: spec.name, datatype: spec.datatype, shape: shape, bytes: bytes))
        }
        return tensors
    }
}
