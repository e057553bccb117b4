/// The manifest of a synthetic model the tests write for an agent: its
/// variants multiply matrices for their service time and answer a checksum,
/// so a test chooses the ladder it needs.
enum SyntheticManifest {
    /// `name`'s manifest, preloaded in every domain, with one variant per
    /// `(name, service_ms)` in rung order.
    static func yaml(name: String, description: String, variants: [(name: String, serviceMilliseconds: Double)])
        -> String
    {
        let rungs = variants.map { variant in
            "  - {name: \(variant.name), runtime: synthetic, service_ms: \(variant.serviceMilliseconds), memory_mb: 1}\n"
        }
        return """
            name: \(name)
            description: SYNTHETIC \(description)
            inputs:
              - {name: input, datatype: FP32, shape: [-1, 16]}
            outputs:
              - {name: checksum, datatype: FP64, shape: [1]}
            variants:

            """ + rungs.joined() + "placement: {domains: all, preload: true}\n"
    }
}
