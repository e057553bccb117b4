import CZeroMQ

extension Socket {
    /// Sends `frames` as one multipart message (`zmq_msg_send`, `ZMQ_SNDMORE` on all but the last); on a ROUTER
    /// the first frame is the peer's routing id.
    ///
    /// No frame's bytes are copied: each is sent as a `zmq_msg_copy`, which shares them, so zero-copy frames
    /// (``Message/init(bytesNoCopy:release:)``) reach the wire from where their owner put them. libzmq queues a
    /// multipart message whole or not at all, so would-block can only happen before the first frame.
    ///
    /// - Parameter blocking: `false` (the default, for a server's thread) returns ``SendResult/wouldBlock`` at
    ///   once when the peer's pipe is full; `true` waits, at most ``SocketOption/sendTimeout(_:)``.
    /// - Throws: ``ZeroMQError`` naming `zmq_msg_send`, the socket type and, on a ROUTER, the routing id: notably
    ///   `EHOSTUNREACH` for a peer that is gone under ``SocketOption/routerMandatory(_:)``; `EINVAL` for no frames.
    public func send(_ frames: [Message], blocking: Bool = false) throws(ZeroMQError) -> SendResult {
        guard !frames.isEmpty else {
            throw ZeroMQError(function: "zmq_msg_send", subject: "\(type), no frames", code: .invalidArgument)
        }
        let wait: Int32 = blocking ? 0 : ZMQ_DONTWAIT
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? wait : wait | ZMQ_SNDMORE
            let outcome = try sendShared(frame, flags: flags, wouldBlockIsOutcome: index == 0) {
                type == .router ? "\(type) to routing id \(frames[0].printable)" : "\(type)"
            }
            if outcome == .wouldBlock { return .wouldBlock }
        }
        return .sent
    }

    /// Sends a `zmq_msg_copy` of `frame`, closing the copy if libzmq did not take it.
    private func sendShared(
        _ frame: Message, flags: Int32, wouldBlockIsOutcome: Bool, subject: () -> String
    ) throws(ZeroMQError) -> ZeroMQCall.Outcome {
        var shared = zmq_msg_t()
        // zmq_msg_init cannot fail: libzmq documents that it always returns zero.
        zmq_msg_init(&shared)
        do {
            try ZeroMQCall.check("zmq_msg_copy") { zmq_msg_copy(&shared, frame.pointer) }
            let outcome = try ZeroMQCall.perform("zmq_msg_send", subject(), wouldBlockIsOutcome: wouldBlockIsOutcome) {
                zmq_msg_send(&shared, handle, flags)
            }
            if outcome == .wouldBlock { closeUnsent(&shared) }
            return outcome
        } catch {
            closeUnsent(&shared)
            throw error
        }
    }

    /// Receives one whole multipart message, its frames in place (`zmq_msg_recv`, no copies); on a ROUTER the
    /// first frame is the sender's routing id, to send the reply back with.
    ///
    /// - Parameter blocking: `false` (the default) returns `nil` at once when no message is queued; `true` waits,
    ///   at most ``SocketOption/receiveTimeout(_:)``, then returns `nil`.
    /// - Throws: ``ZeroMQError`` naming `zmq_msg_recv` and the socket type (`ETERM` when the context ends).
    public func receive(blocking: Bool = false) throws(ZeroMQError) -> [Message]? {
        var frames: [Message] = []
        var more = true
        while more {
            let frame = Message()
            // libzmq delivers a multipart message whole, so only the first frame can be missing.
            let first = frames.isEmpty
            let flags: Int32 = first && blocking ? 0 : ZMQ_DONTWAIT
            let outcome = try ZeroMQCall.perform("zmq_msg_recv", "\(type)", wouldBlockIsOutcome: first) {
                zmq_msg_recv(frame.pointer, handle, flags)
            }
            if outcome == .wouldBlock { return nil }
            frames.append(frame)
            more = frame.hasMore
        }
        return frames
    }

    /// Closes a copy libzmq did not take; zmq_msg_close fails only with EFAULT, which an initialized one is not.
    private func closeUnsent(_ message: inout zmq_msg_t) {
        _ = try? ZeroMQCall.check("zmq_msg_close") { zmq_msg_close(&message) }
    }
}
