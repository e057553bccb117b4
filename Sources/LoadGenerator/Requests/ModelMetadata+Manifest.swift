import Inference

extension ModelMetadata {
    /// The inputs and outputs `manifest` declares, as a server's metadata would list them.
    init(manifest: ModelManifest) {
        func tensors(_ specs: [TensorSpec]) -> [Tensor] {
            specs.map { Tensor(name: $0.name, datatype: $0.datatype.rawValue, shape: $0.shape) }
        }
        self.init(name: manifest.name, inputs: tensors(manifest.inputs), outputs: tensors(manifest.outputs))
    }

}
