import Glibc
import Messaging
import Testing

@Suite struct PollTimerTests {
    private func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    @Test func wakesThePollerNoEarlierThanItsInstant() throws {
        let timer = try PollTimer()
        let poller = Poller()
        let registration = poller.add(timer)
        #expect(try poller.wait(timeout: .zero) == 0, "a new timer is disarmed")
        let instant = monotonicNanoseconds() + 3_000_000
        timer.arm(atMonotonicNanoseconds: instant)
        #expect(try poller.wait(timeout: .seconds(10)) == 1)
        #expect(poller.events(for: registration) == .readable)
        #expect(monotonicNanoseconds() >= instant)
        #expect(try poller.wait(timeout: .zero) == 1, "it stays readable until armed again or disarmed")
        timer.disarm()
        #expect(try poller.wait(timeout: .zero) == 0)
    }

    @Test func anInstantThatHasPassedFiresAtOnceAndReArmingClearsTheFire() throws {
        let timer = try PollTimer()
        let poller = Poller()
        _ = poller.add(timer)
        timer.arm(atMonotonicNanoseconds: 0)
        #expect(try poller.wait(timeout: .seconds(10)) == 1, "0 is long past, and still fires")
        timer.arm(atMonotonicNanoseconds: monotonicNanoseconds() + 60_000_000_000)
        #expect(try poller.wait(timeout: .zero) == 0, "a minute from now: the fire seen before is gone")
    }
}
