import Topology

extension CPUQuota {
    /// The fix a malformed `cpu.max` message ends with.
    private static let cpuMaxFix =
        "fix the file, or set the container's CPU limit again (docker --cpus, systemd CPUQuota=, Kubernetes limits.cpu)"
    /// The fix a malformed `/proc/self/cgroup` message ends with: only a built tree can hold one.
    private static let membershipFix = "the file below --root must be a copy of what the kernel wrote"

    /// The cgroup v2 CPU quota of this process, read below `root` (`/`, or
    /// a built tree in tests); nil when there is none.
    ///
    /// Steps:
    /// 1. `<root>/proc/self/cgroup`: the cgroup v2 line `0::/path`. No file,
    ///    or no such line (cgroup v1 only), means no quota.
    /// 2. `cpu.max` in `<root>/sys/fs/cgroup/path` and in each ancestor up
    ///    to `<root>/sys/fs/cgroup` itself: the kernel throttles at the
    ///    smallest, so that one is the limit. A missing file (no cgroup2
    ///    mounted there, or the root cgroup) or `max` sets no limit.
    /// 3. Ties keep the deeper cgroup, the one closest to the process.
    ///
    /// A file that exists but cannot be read, or whose content is not what
    /// the kernel writes, is an error naming the file, its content and the fix.
    public static func read(fromRoot root: String = "/") throws(PlacementError) -> CPUQuota? {
        let membershipFile = path(root, "proc/self/cgroup")
        guard let membership = try readIfPresent(membershipFile),
            let cgroup = try unifiedCgroup(inMembership: membership, file: membershipFile)
        else { return nil }
        var smallest: CPUQuota?
        for folder in ancestors(of: cgroup) {
            let file = path(root, "sys/fs/cgroup" + (folder == "/" ? "" : folder) + "/cpu.max")
            guard let text = try readIfPresent(file), let quota = try parse(cpuMax: text, file: file) else {
                continue
            }
            if smallest.map({ quota.isSmaller(than: $0) }) ?? true {
                smallest = quota
            }
        }
        return smallest
    }

    /// Reads the content of a `cpu.max` (`QUOTA PERIOD` or `max PERIOD`, in
    /// µs, both positive); nil for `max`. `file` names it in errors.
    private static func parse(cpuMax text: String, file: String) throws(PlacementError) -> CPUQuota? {
        let content = text.trimmingWhitespace()
        let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        func refuse(_ reason: String) -> PlacementError {
            PlacementError(
                .malformedCgroupFile(path: file),
                "\(file): \(String(reflecting: content)) is not a cgroup v2 cpu.max: \(reason);"
                    + " the kernel writes \"QUOTA PERIOD\" or \"max PERIOD\" in positive µs"
                    + " (\"150000 100000\" is 1.5 CPUs); \(cpuMaxFix)"
            )
        }
        guard fields.count == 2 else {
            throw refuse("\(fields.count) \(fields.count == 1 ? "field" : "fields"), not 2")
        }
        let period = try positiveMicroseconds(fields[1], name: "period", refuse: refuse)
        if fields[0] == "max" { return nil }
        let quota = try positiveMicroseconds(fields[0], name: "quota", refuse: refuse)
        return CPUQuota(quota: quota, period: period, file: file)
    }

    /// The cgroup v2 path in the content of `/proc/self/cgroup` (the line
    /// `0::/path`); nil when there is none (cgroup v1 only).
    private static func unifiedCgroup(inMembership text: String, file: String) throws(PlacementError) -> String? {
        let format = "the kernel writes lines \"ID:CONTROLLERS:PATH\", cgroup v2 as \"0::/PATH\"; \(membershipFix)"
        func refuse(_ line: Substring, _ reason: String) -> PlacementError {
            PlacementError(
                .malformedCgroupFile(path: file), "\(file): line \(String(reflecting: String(line))) \(reason)")
        }
        for line in text.split(separator: "\n") where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, !fields[0].isEmpty, fields[0].allSatisfy(\.isASCIIDigit) else {
                throw refuse(line, "is not ID:CONTROLLERS:PATH; \(format)")
            }
            guard fields[0] == "0" && fields[1].isEmpty else { continue }
            let cgroup = String(fields[2])
            guard cgroup.hasPrefix("/") else { throw refuse(line, "has a path that does not start with /; \(format)") }
            guard !cgroup.split(separator: "/").contains("..") else {
                throw refuse(
                    line,
                    "names a cgroup outside this process's cgroup namespace, so its cpu.max cannot be found;"
                        + " start the agent in a cgroup inside its own namespace"
                )
            }
            return cgroup
        }
        return nil
    }

    /// `/a/b`, `/a`, `/`: a cgroup and its ancestors, deepest first.
    private static func ancestors(of cgroup: String) -> [String] {
        let parts = cgroup.split(separator: "/")
        return (0...parts.count).reversed().map { count in "/" + parts.prefix(count).joined(separator: "/") }
    }

    private static func path(_ root: String, _ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    private static func readIfPresent(_ file: String) throws(PlacementError) -> String? {
        do throws(LocalFile.Failure) {
            return String(decoding: try LocalFile.read(file), as: UTF8.self)
        } catch  where error.isMissing {
            return nil
        } catch {
            throw PlacementError(
                .unreadableCgroupFile(path: file, errno: error.code ?? 0),
                "\(error.description); give the agent read access to it"
            )
        }
    }

    private static func positiveMicroseconds(
        _ field: Substring, name: String, refuse: (String) -> PlacementError
    ) throws(PlacementError) -> Int {
        let digits = field.hasPrefix("-") ? field.dropFirst() : field
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
            throw refuse("\(name) \(String(reflecting: String(field))) is not a number")
        }
        guard let value = Int(field) else {
            throw refuse("\(name) \(field) overflows a 64-bit count of µs")
        }
        guard value > 0 else { throw refuse("\(name) \(value) is not positive") }
        return value
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
