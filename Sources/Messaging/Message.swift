import CZeroMQ

/// One frame of a multipart message: a libzmq `zmq_msg_t`, immutable once made, shared by reference.
///
/// A received frame's bytes stay where libzmq put them (``withUnsafeBytes(_:)`` reads them in place), so a
/// decoder can point into a tensor frame without copying it and keep the bytes alive by holding the `Message`.
/// Nothing changes a frame after its initializer, so a `Message` is `Sendable`: the socket's thread can hand it
/// to a decoding or inference thread, and the last reference, on whichever thread, closes it.
///
/// Sending never consumes a frame: ``Socket/send(_:blocking:)`` sends a `zmq_msg_copy`, which shares the bytes
/// (an atomic reference count, no copy) for all but tiny frames, so one routing id serves every reply to a peer.
public final class Message: @unchecked Sendable {
    // @unchecked: the zmq_msg_t is written only by the initializers (and by zmq_msg_recv before the frame is
    // handed out); afterwards libzmq only reads it, and zmq_msg_copy's shared reference count is atomic.
    let pointer: UnsafeMutablePointer<zmq_msg_t>

    /// An empty frame (zero bytes), such as the delimiter between a REQ envelope and its body.
    public init() {
        pointer = .allocate(capacity: 1)
        // zmq_msg_init cannot fail: libzmq documents that it always returns zero.
        zmq_msg_init(pointer)
    }

    /// A frame of `count` bytes that `fill` writes once, in place: the way to build a frame with no second copy.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_msg_init_size` when `count` is negative or cannot be allocated.
    public init(count: Int, fill: (UnsafeMutableRawBufferPointer) -> Void) throws(ZeroMQError) {
        guard count >= 0 else {
            throw ZeroMQError(function: "zmq_msg_init_size", subject: "\(count) bytes", code: .invalidArgument)
        }
        let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        do {
            try ZeroMQCall.check("zmq_msg_init_size", "\(count) bytes") { zmq_msg_init_size(message, count) }
        } catch {
            message.deallocate()
            throw error
        }
        pointer = message
        fill(UnsafeMutableRawBufferPointer(start: zmq_msg_data(message), count: count))
    }

    /// A frame holding a copy of `bytes`: for small frames (ids, headers) where a copy costs less than sharing.
    /// Contiguous bytes (an array, a buffer) are copied with one `memcpy`, not an element at a time.
    public convenience init(copying bytes: some Collection<UInt8>) throws(ZeroMQError) {
        try self.init(count: bytes.count) { buffer in
            let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(source))
            }
            if copied == nil { _ = buffer.initializeMemory(as: UInt8.self, from: bytes) }
        }
    }

    /// A frame holding the UTF-8 bytes of `text`.
    public convenience init(_ text: String) throws(ZeroMQError) {
        try self.init(copying: text.utf8)
    }

    /// A frame that sends `bytes` where they are, without copying them: libzmq reads them until the last copy of
    /// the frame is sent or dropped, then calls `release` with them exactly once, possibly on one of its I/O
    /// threads.
    ///
    /// The bytes must stay valid and unchanged until `release` runs; `release` is where the owner lets them go
    /// (`{ $0.deallocate() }` for a Swift allocation, or releasing an inference runtime's output). It is handed
    /// the bytes so that it need not capture a pointer, which is not `Sendable`. If the initializer throws,
    /// `release` is never called and the caller still owns the bytes.
    ///
    /// - Throws: ``ZeroMQError`` naming `zmq_msg_init_data` when libzmq cannot allocate its bookkeeping.
    public init(
        bytesNoCopy bytes: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void
    ) throws(ZeroMQError) {
        let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        let owner = Unmanaged.passRetained(Release(bytes.count, release))
        do {
            try ZeroMQCall.check("zmq_msg_init_data", "\(bytes.count) bytes") {
                zmq_msg_init_data(
                    message, UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count, releaseFrameBytes,
                    owner.toOpaque())
            }
        } catch {
            owner.release()
            message.deallocate()
            throw error
        }
        pointer = message
    }

    deinit {
        // zmq_msg_close fails only with EFAULT (not a message), which an initialized frame is not.
        _ = try? ZeroMQCall.check("zmq_msg_close") { zmq_msg_close(pointer) }
        pointer.deallocate()
    }

    /// The frame's length in bytes.
    public var count: Int {
        zmq_msg_size(pointer)
    }

    /// Whether another frame of the same multipart message followed this one when it was received.
    var hasMore: Bool {
        zmq_msg_more(pointer) != 0
    }

    /// A metadata property of a received frame (`zmq_msg_gets`): `User-Id`
    /// is what the ZAP handler named the sender's connection, `Socket-Type`
    /// the peer's socket type; nil when the frame has none of that name.
    public func property(_ name: String) -> String? {
        guard let value = zmq_msg_gets(pointer, name) else { return nil }
        return String(cString: value)
    }

    /// Calls `body` with the frame's bytes in place; the pointer is valid only during the call (hold the
    /// `Message` to keep the bytes, not the pointer).
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: zmq_msg_data(pointer), count: count))
    }
}

/// The owner's release closure, carried through libzmq as the `hint` of `zmq_msg_init_data`.
private final class Release {
    let count: Int
    let release: @Sendable (UnsafeRawBufferPointer) -> Void

    init(_ count: Int, _ release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.count = count
        self.release = release
    }
}

/// libzmq's free function for ``Message/init(bytesNoCopy:release:)``: runs the owner's release once, when the
/// last reference to the bytes is gone.
private func releaseFrameBytes(_ data: UnsafeMutableRawPointer?, _ hint: UnsafeMutableRawPointer?) {
    guard let hint else { return }
    let owner = Unmanaged<Release>.fromOpaque(hint).takeRetainedValue()
    owner.release(UnsafeRawBufferPointer(start: data, count: owner.count))
}

extension Message {
    /// The frame's bytes as an error shows them (quoted text or hex, at most 32 bytes).
    var printable: PrintableBytes {
        withUnsafeBytes { PrintableBytes($0) }
    }
}

extension Message {
    /// Calls `body` with the bytes of all `frames` at once, in place: for a decoder that reads the frames of one
    /// multipart message together. The pointers are valid only during the call.
    public static func withUnsafeBytes<Result, Failure: Error>(
        of frames: some Collection<Message>, _ body: ([UnsafeRawBufferPointer]) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        defer { withExtendedLifetime(frames) {} }
        return try body(frames.map { UnsafeRawBufferPointer(start: zmq_msg_data($0.pointer), count: $0.count) })
    }
}
