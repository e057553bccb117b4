extension MachineTopology {
    /// A picture of the topology as SVG, in the manner of `lstopo`.
    public var svg: String {
        TopologyPicture(self).svg
    }
}
