import Topology

extension InferenceRequest {
    /// The request as JSON, every input as `data` (what `models run --input`
    /// reads and what a client would send); binary inputs are written as data too.
    public func encodedJSON() -> [UInt8] {
        var capacity = 64 + (id?.utf8.count ?? 0) * 6 + parameters.count * 64
        for input in inputs {
            capacity += 128 + input.tensor.name.utf8.count * 6 + input.tensor.shape.count * 21
            capacity += input.parameters.count * 64 + JSONWriter.dataCapacity(of: input.tensor)
        }
        var writer = JSONWriter(capacity: capacity)
        writer.byte(UInt8(ascii: "{"))
        writer.idMember(id)
        if !parameters.isEmpty {
            writer.key("parameters")
            writer.parameters(parameters)
            writer.byte(UInt8(ascii: ","))
        }
        writer.raw("\"inputs\":[")
        for (index, input) in inputs.enumerated() {
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.raw("{\"name\":")
            writer.string(input.tensor.name)
            writer.raw(",\"datatype\":")
            writer.string(input.tensor.datatype.rawValue)
            writer.byte(UInt8(ascii: ","))
            writer.shape(input.tensor.shape)
            var parameters = input.parameters
            parameters["binary_data_size"] = nil
            if !parameters.isEmpty {
                writer.raw(",\"parameters\":")
                writer.parameters(parameters)
            }
            writer.raw(",\"data\":")
            writer.data(of: input.tensor)
            writer.byte(UInt8(ascii: "}"))
        }
        writer.raw("]}")
        return writer.bytes
    }
}
