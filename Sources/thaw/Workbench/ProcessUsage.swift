import Foundation

/// The whole process's CPU use between two samples and its resident memory, from
/// `/proc/self/stat` and `/proc/self/statm` (Linux; nil elsewhere or on a read error).
struct ProcessUsage {
    private var last: (cpu: Double, wall: Double)?
    private let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    private let pageBytes = Double(sysconf(Int32(_SC_PAGESIZE)))

    mutating func sample() -> ResourceSample? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name start at field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let pages = statm.split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]), pages.count > 1,
              let resident = Double(pages[1]) else { return nil }
        let cpu = (user + system) / ticksPerSecond
        let wall = Date().timeIntervalSinceReferenceDate
        defer { last = (cpu, wall) }
        guard let last, wall > last.wall else { return nil }
        return ResourceSample(cpuPercent: 100 * (cpu - last.cpu) / (wall - last.wall), residentMB: resident * pageBytes / 1_048_576)
    }
}

struct ResourceSample {
    let cpuPercent: Double
    let residentMB: Double
}
