import Messaging
import Synchronization
import Testing

@Suite struct MessageTests {
    @Test func aFilledFrameHoldsWhatWasWritten() throws {
        let frame = try Message(count: 5) { buffer in
            for index in buffer.indices { buffer[index] = UInt8(index) }
        }
        #expect(frame.count == 5)
        #expect(frame.withUnsafeBytes { Array($0) } == [0, 1, 2, 3, 4])
    }

    @Test func copiedAndEmptyFrames() throws {
        #expect(try Message("routing-id").text == "routing-id")
        #expect(try Message(copying: [9, 8, 7]).withUnsafeBytes { Array($0) } == [9, 8, 7])
        #expect(Message().count == 0)
    }

    @Test func aZeroCopyFrameDroppedUnsentIsReleasedOnce() throws {
        let releases = ReleaseCounter()
        do {
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
            bytes.initializeMemory(as: UInt8.self, repeating: 7)
            let frame = try Message(bytesNoCopy: UnsafeRawBufferPointer(bytes)) { released in
                releases.count.add(1, ordering: .relaxed)
                released.deallocate()
            }
            #expect(frame.count == 64)
            #expect(releases.count.load(ordering: .relaxed) == 0)
        }
        #expect(releases.count.load(ordering: .relaxed) == 1)
    }

    @Test func aZeroCopyFrameSentTwiceIsReadInPlaceAndReleasedExactlyOnce() throws {
        let releases = ReleaseCounter()
        let size = 1 << 20
        do {
            let context = try Context()
            let (router, endpoint) = try MessagingFixtures.router(in: context)
            let dealer = try MessagingFixtures.socket(.dealer, in: context)
            try dealer.connect(endpoint)

            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index) }
            let source = UnsafeRawBufferPointer(bytes)
            let frame = try Message(bytesNoCopy: source) { released in
                releases.count.add(1, ordering: .relaxed)
                released.deallocate()
            }
            try withExtendedLifetime(frame) {
                // The frame's bytes are the Swift buffer itself, not a copy.
                #expect(frame.withUnsafeBytes { $0.baseAddress } == source.baseAddress)
                #expect(try dealer.send([frame], blocking: true) == .sent)
                #expect(try dealer.send([frame], blocking: true) == .sent)
                for _ in 0..<2 {
                    let received = try #require(try router.receive(blocking: true))
                    #expect(received.count == 2)
                    #expect(received[1].withUnsafeBytes { $0.elementsEqual(source) })
                }
                #expect(releases.count.load(ordering: .relaxed) == 0, "the test still holds the frame")
            }
        }
        // The context has terminated: libzmq holds nothing any more.
        #expect(releases.count.load(ordering: .relaxed) == 1)
    }
}

/// How many times a zero-copy frame's release ran, from whichever thread ran it.
private final class ReleaseCounter: Sendable {
    let count = Atomic<Int>(0)
}
