/// The mapping between `CoordinatorHeartbeat` and its protobuf message.
extension CoordinatorHeartbeat {
    /// The heartbeat as its protobuf message.
    var protobuf: Edgesched_Cluster_V1_Heartbeat {
        var message = Edgesched_Cluster_V1_Heartbeat()
        message.coordinator = coordinator.name
        message.active = isActive
        message.epoch = epoch
        return message
    }

    /// The heartbeat `message` carries; throws `invalidField` for a
    /// coordinator id that is not a node id.
    init(protobuf message: Edgesched_Cluster_V1_Heartbeat) throws(ClusterError) {
        self.init(
            coordinator: try NodeID(wireName: message.coordinator, at: "heartbeat: coordinator"),
            isActive: message.active, epoch: message.epoch)
    }
}
