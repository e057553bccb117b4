import Placement
import TestFixtures
import Testing

@Suite struct CPUQuotaTests {
    /// A tree whose `/proc/self/cgroup` is `membership` (none when nil) and
    /// whose cgroup folders below `/sys/fs/cgroup` hold the given `cpu.max`.
    static func tree(membership: String?, cpuMax: [String: String] = [:]) throws -> BuiltTree {
        let tree = try BuiltTree()
        if let membership {
            try tree.write("proc/self/cgroup", membership)
        }
        for (folder, content) in cpuMax {
            try tree.write("sys/fs/cgroup\(folder == "/" ? "" : folder)/cpu.max", content)
        }
        return tree
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var membership: String?
        var cpuMax: [String: String]
        /// quota, period and the folder of the cpu.max that sets them; nil for no quota.
        var expected: (quota: Int, period: Int, folder: String)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "max is no limit", membership: "0::/app\n", cpuMax: ["/app": "max 100000\n"], expected: nil),
        Case(
            name: "a fractional quota", membership: "0::/app\n", cpuMax: ["/app": "150000 100000\n"],
            expected: (150_000, 100_000, "/app")),
        Case(
            name: "the smaller limit deeper wins", membership: "0::/kubepods/pod1/ctr\n",
            cpuMax: ["/kubepods/pod1/ctr": "100000 100000\n", "/kubepods/pod1": "300000 100000\n"],
            expected: (100_000, 100_000, "/kubepods/pod1/ctr")),
        Case(
            name: "the smaller limit higher wins", membership: "0::/kubepods/pod1/ctr\n",
            cpuMax: ["/kubepods/pod1/ctr": "400000 100000\n", "/kubepods": "50000 100000\n"],
            expected: (50_000, 100_000, "/kubepods")),
        Case(
            name: "limits with different periods compare as CPUs", membership: "0::/a/b\n",
            cpuMax: ["/a/b": "150000 100000\n", "/": "20000 10000\n"], expected: (150_000, 100_000, "/a/b")),
        Case(
            name: "max deeper leaves the ancestor's limit", membership: "0::/a/b\n",
            cpuMax: ["/a/b": "max 100000\n", "/a": "250000 100000\n"], expected: (250_000, 100_000, "/a")),
        Case(
            name: "equal limits keep the deeper cgroup", membership: "0::/a/b\n",
            cpuMax: ["/a/b": "200000 100000\n", "/a": "100000 50000\n"], expected: (200_000, 100_000, "/a/b")),
        Case(
            name: "a container's own cgroup namespace is the mount's root", membership: "0::/\n",
            cpuMax: ["/": "200000 100000\n"], expected: (200_000, 100_000, "")),
        Case(
            name: "cgroup v1 only has no quota", membership: "4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n",
            cpuMax: ["/docker/abc": "150000 100000\n"], expected: nil),
        Case(
            name: "hybrid v1 and v2 with cpu on v1 has no quota",
            membership: "9:name=systemd:/\n1:cpu:/\n0::/\n", cpuMax: [:], expected: nil),
        Case(name: "no /proc/self/cgroup has no quota", membership: nil, cpuMax: [:], expected: nil),
        Case(name: "no cgroup2 files has no quota", membership: "0::/app\n", cpuMax: [:], expected: nil),
    ]

    @Test("reads the effective cpu.max", arguments: cases)
    func readsQuota(row: Case) throws {
        let tree = try Self.tree(membership: row.membership, cpuMax: row.cpuMax)
        defer { tree.remove() }
        let quota = try CPUQuota.read(fromRoot: tree.root)
        #expect(
            quota
                == row.expected.map {
                    CPUQuota(quota: $0.quota, period: $0.period, file: "\(tree.root)/sys/fs/cgroup\($0.folder)/cpu.max")
                })
    }

    @Test(
        "a malformed cpu.max is an error naming the file, its content and the fix",
        arguments: [
            ("garbage", "\"garbage\" is not a cgroup v2 cpu.max: 1 field, not 2"),
            ("", "\"\" is not a cgroup v2 cpu.max: 0 fields, not 2"),
            ("150000 100000 7", "\"150000 100000 7\" is not a cgroup v2 cpu.max: 3 fields, not 2"),
            ("150000 0", "\"150000 0\" is not a cgroup v2 cpu.max: period 0 is not positive"),
            ("150000 -100000", "\"150000 -100000\" is not a cgroup v2 cpu.max: period -100000 is not positive"),
            ("max 0", "\"max 0\" is not a cgroup v2 cpu.max: period 0 is not positive"),
            ("0 100000", "\"0 100000\" is not a cgroup v2 cpu.max: quota 0 is not positive"),
            ("-5 100000", "\"-5 100000\" is not a cgroup v2 cpu.max: quota -5 is not positive"),
            ("1.5 100000", "\"1.5 100000\" is not a cgroup v2 cpu.max: quota \"1.5\" is not a number"),
            ("max max", "\"max max\" is not a cgroup v2 cpu.max: period \"max\" is not a number"),
            (
                "99999999999999999999 100000",
                "\"99999999999999999999 100000\" is not a cgroup v2 cpu.max: quota 99999999999999999999 overflows a 64-bit count of µs"
            ),
            (
                "100000 99999999999999999999",
                "\"100000 99999999999999999999\" is not a cgroup v2 cpu.max: period 99999999999999999999 overflows a 64-bit count of µs"
            ),
        ]
    )
    func refusesMalformedCPUMax(content: String, message: String) throws {
        let tree = try Self.tree(membership: "0::/app\n", cpuMax: ["/app": content + "\n"])
        defer { tree.remove() }
        let file = "\(tree.root)/sys/fs/cgroup/app/cpu.max"
        let error = #expect(throws: PlacementError.self) { try CPUQuota.read(fromRoot: tree.root) }
        #expect(error?.kind == .malformedCgroupFile(path: file))
        #expect(error?.description.hasPrefix("\(file): \(message); ") == true, "\(String(describing: error))")
        #expect(error?.description.contains("set the container's CPU limit again") == true)
    }

    @Test(
        "a malformed /proc/self/cgroup is an error naming the file, the line and the fix",
        arguments: [
            ("garbage\n", "line \"garbage\" is not ID:CONTROLLERS:PATH; the kernel writes lines"),
            ("x::/app\n", "line \"x::/app\" is not ID:CONTROLLERS:PATH; the kernel writes lines"),
            ("0::app\n", "line \"0::app\" has a path that does not start with /; the kernel writes lines"),
            ("0::/../other\n", "line \"0::/../other\" names a cgroup outside this process's cgroup namespace"),
        ]
    )
    func refusesMalformedMembership(content: String, message: String) throws {
        let tree = try Self.tree(membership: content)
        defer { tree.remove() }
        let file = "\(tree.root)/proc/self/cgroup"
        let error = #expect(throws: PlacementError.self) { try CPUQuota.read(fromRoot: tree.root) }
        #expect(error?.kind == .malformedCgroupFile(path: file))
        #expect(error?.description.hasPrefix("\(file): \(message)") == true, "\(String(describing: error))")
    }

    @Test func cpuMaxThatCannotBeReadIsAnErrorNamingTheReason() throws {
        let tree = try Self.tree(membership: "0::/app\n")
        defer { tree.remove() }
        try tree.makeFolder("sys/fs/cgroup/app/cpu.max")
        let file = "\(tree.root)/sys/fs/cgroup/app/cpu.max"
        let error = #expect(throws: PlacementError.self) { try CPUQuota.read(fromRoot: tree.root) }
        #expect(error?.description == "\(file): cannot be read: Is a directory; give the agent read access to it")
    }

    @Test(
        "the worker limit rounds the CPUs up",
        arguments: [
            (150_000, 100_000, 2, "1.5"), (100_000, 100_000, 1, "1"), (1_000, 100_000, 1, "0.01"),
            (1_000, 1_000_000, 1, "0.001"), (800_000, 100_000, 8, "8"), (199_999, 100_000, 2, "2"),
            (100_000, 300_000, 1, "0.33"), (Int.max, 1, Int.max, "\(Int.max)"),
        ]
    )
    func workerLimitRoundsUp(quota: Int, period: Int, limit: Int, cpus: String) {
        let value = CPUQuota(quota: quota, period: period, file: "/sys/fs/cgroup/cpu.max")
        #expect(value.workerLimit == limit)
        #expect(value.cpusText == cpus)
    }

    @Test func describesTheLimitAndItsCgroup() {
        let quota = CPUQuota(quota: 150_000, period: 100_000, file: "/sys/fs/cgroup/app/cpu.max")
        #expect("\(quota)" == "cgroup cpu.max 150000 100000 (1.5 CPUs) in /sys/fs/cgroup/app")
    }

    @Test func readingThisMachineDoesNotFail() throws {
        _ = try CPUQuota.read()
    }
}
