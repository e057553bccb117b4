/// A model's variant and its protobuf message, which reports (loaded
/// variants) and plans (placements, defaults) share.
extension ModelVariant {
    var protobuf: Edgesched_Cluster_V1_ModelVariant {
        var message = Edgesched_Cluster_V1_ModelVariant()
        message.model = model
        message.variant = variant
        return message
    }

    init(protobuf message: Edgesched_Cluster_V1_ModelVariant) {
        self.init(model: message.model, variant: message.variant)
    }
}
