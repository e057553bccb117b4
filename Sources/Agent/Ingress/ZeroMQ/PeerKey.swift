/// A ZeroMQ peer's routing id as a dictionary key: the ids libzmq makes up
/// (5 bytes) and most chosen ones fit in a word, so counting a request in
/// flight allocates nothing for them.
enum PeerKey: Hashable, Sendable {
    /// Up to 8 bytes, packed, with their count (so `00` and `00 00` differ).
    case short(UInt64, count: Int)
    /// Longer ids, as they are.
    case long([UInt8])

    init(_ routingID: UnsafeRawBufferPointer) {
        guard routingID.count <= 8 else {
            self = .long(Array(routingID))
            return
        }
        var packed: UInt64 = 0
        for byte in routingID {
            packed = packed << 8 | UInt64(byte)
        }
        self = .short(packed, count: routingID.count)
    }
}
