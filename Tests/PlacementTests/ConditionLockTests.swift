import Foundation
import Placement
import Testing

@Suite struct ConditionLockTests {
    @Test func aWaiterOnOneConditionIsWokenByAChangeAddressedToIt() throws {
        let lock = ConditionLock([0, 0], conditions: 2)
        let done = ConditionLock(false)
        let waiter = Thread {
            let value = lock.wait(on: 1) { state in state[1] > 0 ? state[1] : nil }
            done.withLock(wake: .all) { $0 = value == 7 }
        }
        waiter.start()
        lock.withLockAndWake { state in
            state[1] = 7
            return ((), .oneOf(1))
        }
        done.wait(until: { $0 }) { _ in }
        #expect(done.withLock { $0 })
    }

    @Test func everyoneWakesWaitersOfEveryCondition() throws {
        let lock = ConditionLock(false, conditions: 3)
        let finished = ConditionLock(0)
        for condition in 0..<3 {
            Thread {
                _ = lock.wait(on: condition) { $0 ? true : nil }
                finished.withLock(wake: .all) { $0 += 1 }
            }.start()
        }
        lock.withLock(wake: .everyone) { $0 = true }
        finished.wait(until: { $0 == 3 }) { _ in }
        #expect(finished.withLock { $0 } == 3)
    }
}
