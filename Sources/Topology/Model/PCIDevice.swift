/// A PCI device whose NUMA locality matters for placement: a GPU, an
/// accelerator (NPU, FPGA, co-processor) or a network controller.
public struct PCIDevice: Hashable, Sendable {
    /// The kind of device, from the top of its PCI class code.
    public enum Kind: String, Hashable, Sendable {
        case network
        case gpu
        case accelerator

        /// The kind for a PCI class code (`0xCCSSPP`), or nil for devices that
        /// do not matter for placement (bridges, storage, USB, …).
        public init?(classCode: UInt32) {
            switch classCode >> 16 {
            case 0x02: self = .network
            case 0x03: self = .gpu
            case 0x12: self = .accelerator
            case 0x0B where (classCode >> 8) & 0xFF == 0x40: self = .accelerator
            default: return nil
            }
        }
    }

    /// Bus address, e.g. `0000:3b:00.0`.
    public var address: String
    /// Network, GPU or accelerator.
    public var kind: Kind
    /// The PCI class code, e.g. `0x030200`.
    public var classCode: UInt32
    /// The PCI vendor id, where sysfs gives it.
    public var vendorID: UInt16?
    /// The PCI device id, where sysfs gives it.
    public var deviceID: UInt16?
    /// The node the device is attached to; nil where the kernel gives -1 or none.
    public var numaNode: OSIndex?

    /// A device.
    public init(
        address: String, kind: Kind, classCode: UInt32, vendorID: UInt16?, deviceID: UInt16?, numaNode: OSIndex?
    ) {
        self.address = address
        self.kind = kind
        self.classCode = classCode
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.numaNode = numaNode
    }
}
