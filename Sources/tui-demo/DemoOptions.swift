/// The demo's command line. Kept to the flags the tmux tests drive; anything else is a
/// usage error (status 64), reported before the terminal is touched.
struct DemoOptions: Equatable {
    /// Where to write the process id, for tests that signal the demo.
    var pidFile: String?
    /// The guard's log: stderr goes there while the screen is up, crash reports included.
    var logPath: String?
    /// Trap (index out of range) on the main thread after this many frames.
    var crashAfterFrames: Int?
    /// Trap on a thread named "trainer" this many milliseconds after the screen is up.
    var crashThreadAfterMilliseconds: Int?

    static let usage = "usage: tui-demo [--pidfile PATH] [--log PATH] [--crash-after FRAMES] [--crash-thread-after MS]"

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> DemoOptions {
        var options = DemoOptions()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--pidfile": options.pidFile = value
            case "--log": options.logPath = value
            case "--crash-after": options.crashAfterFrames = try count(value, for: flag)
            case "--crash-thread-after": options.crashThreadAfterMilliseconds = try count(value, for: flag)
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        return options
    }

    private static func count(_ text: String, for flag: String) throws(UsageError) -> Int {
        guard let n = Int(text), n >= 0 else { throw UsageError(description: "\(flag) needs a whole number, got \"\(text)\"") }
        return n
    }
}
