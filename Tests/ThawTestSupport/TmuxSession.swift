import Foundation

/// A private tmux server for end-to-end terminal tests: `tmux -L NAME`, a fixed size, an
/// interactive `sh` with a known prompt. Always `kill()` it (tests use `defer`).
public struct TmuxSession {
    public static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    /// As captured: `capture-pane` drops the trailing space PS1 ends with.
    public static let prompt = "thaw-test$"

    public let server: String

    public init(name: String, width: Int = 80, height: Int = 24) throws {
        server = "\(name)-\(getpid())"
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                 "env PS1='\(TmuxSession.prompt) ' LANG=C.UTF-8 sh -i"], captureOutput: false)
        guard waitFor({ $0.contains(TmuxSession.prompt) }) else {
            throw TmuxError("the shell prompt never appeared; pane: \(capture()) sessions: \((try? run(["list-sessions"])) ?? "?")")
        }
    }

    public struct TmuxError: Error, CustomStringConvertible {
        public let description: String
        public init(_ d: String) { description = d }
    }

    /// Runs `tmux -L server ARGS` and returns its stdout (see `Spawn` for why not `Process`).
    /// The first command forks the server, which inherits the child's file descriptors: it
    /// gets /dev/null (`captureOutput: false`), or reading its output would wait for the
    /// server to exit.
    @discardableResult
    public func run(_ args: [String], captureOutput: Bool = true) throws -> String {
        try Spawn.run([TmuxSession.executable ?? "tmux", "-L", server] + args, captureOutput: captureOutput).output
    }

    /// Types text literally, then Enter.
    public func type(_ line: String) throws {
        try run(["send-keys", "-l", line])
        try run(["send-keys", "Enter"])
    }

    public func keys(_ keys: String...) throws { try run(["send-keys"] + keys) }

    public func capture() -> String { (try? run(["capture-pane", "-p"])) ?? "" }

    public func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane until `condition` holds (true) or `timeout` passes (false).
    public func waitFor(timeout: Double = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(capture()) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Copies everything the pane's program writes to the terminal into `path`, raw
    /// (escape sequences included), until `stopRecording`.
    public func startRecording(to path: String) throws { try run(["pipe-pane", "cat > '\(path)'"]) }

    public func stopRecording() { _ = try? run(["pipe-pane"]) }

    /// What is not as the shell had it once a full-screen program has exited: the prompt
    /// not back (waited for), the alternate screen still on, the cursor hidden. Empty when the
    /// terminal was given back properly.
    public func restorationProblems() -> [String] {
        var problems: [String] = []
        if !waitFor({ $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(TmuxSession.prompt) }) {
            problems.append("no shell prompt at the end:\n\(capture())")
        }
        if display("#{alternate_on}") != "0" { problems.append("still on the alternate screen") }
        if display("#{cursor_flag}") != "1" { problems.append("cursor hidden") }
        return problems
    }

    /// Stops the server and removes its socket file, which `kill-server` leaves behind.
    public func kill() {
        let socket = display("#{socket_path}")
        _ = try? run(["kill-server"])
        if socket.hasPrefix("/") { unlink(socket) }
    }
}

/// Runs a program to completion with posix_spawn. Not Foundation's `Process`: a child
/// started from a test thread inherits that thread's blocked signals, and a tmux server
/// started that way never sees SIGCHLD or SIGTERM. Children here get an empty mask and
/// default dispositions, stdin from /dev/null and stdout to a file (or /dev/null).
public enum Spawn {
    public static func run(_ argv: [String], captureOutput: Bool = true) throws -> (status: Int32, output: String) {
        let outPath = captureOutput ? NSTemporaryDirectory() + "thaw-spawn-\(getpid())-\(UUID().uuidString)" : "/dev/null"
        defer { if captureOutput { unlink(outPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw TmuxSession.TmuxError("posix_spawn \(argv[0]) failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = captureOutput ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        return ((status >> 8) & 0xFF, output)
    }
}

/// Waits for a file to exist and be non-empty; returns its contents.
public func waitForFile(_ path: String, timeout: Double = 10) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty, text.hasSuffix("\n") {
            return text
        }
        usleep(50_000)
    }
    return nil
}

/// Waits for a recording (`TmuxSession.startRecording`) to contain `text`; returns it as
/// read then.
public func waitForRecording(_ path: String, toContain text: String, timeout: Double = 5) -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var contents = ""
    while Date() < deadline {
        contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if contents.contains(text) { break }
        usleep(50_000)
    }
    return contents
}
