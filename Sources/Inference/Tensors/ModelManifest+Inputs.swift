extension ModelManifest {
    /// Checks a request's tensors against the manifest before it is
    /// scheduled: every input present once, no unknown tensor, the datatype,
    /// the shape (-1 matches any size) and the number of bytes.
    ///
    /// Nothing is allocated on the way: a repeat is found by looking back
    /// over the tensors before it, which stays short however many a request
    /// sends, because among the first `inputs.count + 1` there is always an
    /// unknown one or a repeat, and either ends the check.
    public func check(_ inputs: [Tensor]) throws(InferenceError) {
        for (position, tensor) in inputs.enumerated() {
            guard let spec = self.inputs.first(where: { $0.name == tensor.name }) else {
                let names = self.inputs.map(\.name).joined(separator: ", ")
                throw InferenceError(
                    .invalidInput, "model \(name): \"\(tensor.name)\" is not one of its inputs (\(names))")
            }
            guard !inputs[..<position].contains(where: { $0.name == tensor.name }) else {
                throw InferenceError(.invalidInput, "model \(name): input \"\(tensor.name)\" is given twice")
            }
            guard tensor.datatype == spec.datatype else {
                throw InferenceError(
                    .invalidInput,
                    "model \(name): input \"\(tensor.name)\": datatype \(tensor.datatype.rawValue), expected \(spec.datatype.rawValue)"
                )
            }
            guard spec.accepts(shape: tensor.shape) else {
                throw InferenceError(
                    .invalidInput,
                    "model \(name): input \"\(tensor.name)\": shape \(tensor.shape), expected \(spec.shape) (-1: any size)"
                )
            }
            let (expectedBytes, overflow) = tensor.elementCount.multipliedReportingOverflow(
                by: spec.datatype.byteWidth)
            guard !overflow, tensor.bytes.count == expectedBytes else {
                let expected = overflow ? "more than \(Int.max)" : String(expectedBytes)
                throw InferenceError(
                    .invalidInput,
                    "model \(name): input \"\(tensor.name)\": \(tensor.bytes.count) bytes, expected \(expected) "
                        + "for shape \(tensor.shape) of \(spec.datatype.rawValue)"
                )
            }
        }
        if inputs.count < self.inputs.count,
            let missing = self.inputs.first(where: { spec in !inputs.contains { $0.name == spec.name } })
        {
            throw InferenceError(
                .invalidInput, "model \(name): input \"\(missing.name)\" is missing (expected \(missing))")
        }
    }
}
