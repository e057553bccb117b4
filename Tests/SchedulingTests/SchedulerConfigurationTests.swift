import Scheduling
import Testing

/// Configurations that cannot run are refused with a typed error naming the
/// key and the value; nothing traps.
@Suite struct SchedulerConfigurationTests {
    @Test(
        "watermarks out of order are a configuration error naming them",
        arguments: ["pressure", "thermal", "memory", "overload"]
    )
    func watermarksOutOfOrderAreRefused(signal: String) {
        let reversed = Watermarks(high: 10, low: 20, hold: .seconds(1))
        var configuration = SchedulerFixture.configuration()
        switch signal {
        case "pressure": configuration.downgrade.pressure = reversed
        case "thermal": configuration.downgrade.thermal = reversed
        case "memory": configuration.downgrade.memory = reversed
        default: configuration.overload = reversed
        }
        #expect {
            _ = try Scheduler(configuration: configuration)
        } throws: { error in
            let error = error as? SchedulingError
            return error?.kind == .invalidConfiguration
                && "\(error.map { "\($0)" } ?? "")".contains("\(signal): low 20.0 is above high 10.0")
        }
    }

    @Test(
        "service times too long to add up are a configuration error naming them",
        arguments: [Duration.seconds(Int64.max), .seconds(86_401)]
    )
    func overlongServiceTimesAreRefused(time: Duration) {
        let ladder = [VariantProfile(name: "huge", serviceTime: time, domains: 0..<1)]
        #expect {
            _ = try Scheduler(configuration: SchedulerFixture.configuration(variants: ladder))
        } throws: { error in
            "\(error)".contains("variant \"huge\" has service time \(time) in domain 0, longer than 1 day")
        }
    }

    @Test func aServiceTimeOfADayStillSchedules() throws {
        let ladder = [VariantProfile(name: "slow", serviceTime: .seconds(86_400), domains: 0..<1)]
        var node = try SchedulerFixture(classes: [PriorityClass(name: "open", defaultTimeout: nil)], variants: ladder)
        let task = try node.submit(ClassID(0)).id
        #expect(try node.next().assignment?.task == task)
    }

    @Test func requestTimeoutsPastTheClockSaturateInsteadOfWrapping() throws {
        var node = try SchedulerFixture()
        node.advance(.seconds(10))
        let decision = try node.submit(SchedulerFixture.standard, timeout: .seconds(Int64.max)).decision
        #expect(decision.domain == 0, "a deadline past the clock's range is no deadline in the past")
        let assignment = try #require(try node.next().assignment)
        #expect(assignment.deadline == nil, "the end of the clock is no deadline")
    }
}
