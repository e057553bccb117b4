extension TopologyScan {
    /// Step 5: the PCI devices that matter for placement, by address.
    func readPCIDevices() throws(TopologyError) -> [PCIDevice] {
        guard let addresses = try tree.entries(Self.pciFolder) else { return [] }
        var devices: [PCIDevice] = []
        for address in addresses.sorted() {
            if let device = readPCIDevice(address) {
                devices.append(device)
            }
        }
        return devices
    }

    /// One device; nil if its class is not one placement cares about.
    private func readPCIDevice(_ address: String) -> PCIDevice? {
        let folder = "\(Self.pciFolder)/\(address)"
        guard
            let classCode = tree.perObjectFact(
                assuming: "device left out", try tree.hexInteger("\(folder)/class", maxDigits: 6)),
            let kind = PCIDevice.Kind(classCode: classCode)
        else { return nil }
        return PCIDevice(
            address: address,
            kind: kind,
            classCode: classCode,
            vendorID: tree.perObjectFact(
                assuming: "vendor unknown", try tree.hexInteger("\(folder)/vendor", maxDigits: 4)
            ).map { UInt16($0) },
            deviceID: tree.perObjectFact(
                assuming: "device id unknown", try tree.hexInteger("\(folder)/device", maxDigits: 4)
            ).map { UInt16($0) },
            numaNode: tree.perObjectFact(
                assuming: "NUMA node unknown", try tree.osIndex("\(folder)/numa_node", below: NodeSet.limit))
        )
    }
}
