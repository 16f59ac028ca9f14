import Foundation

/// A private tmux server for end-to-end terminal tests: `tmux -L NAME`, a fixed size, an
/// interactive `sh` with a known prompt. Always `kill()` it (tests use `defer`).
struct TmuxSession {
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    /// As captured: `capture-pane` drops the trailing space PS1 ends with.
    static let prompt = "thaw-test$"

    let server: String

    init(name: String, width: Int = 80, height: Int = 24) throws {
        server = "\(name)-\(getpid())"
        // The first command forks the server, which inherits its file descriptors: give it
        // /dev/null, or reading a pipe to EOF would wait for the server to exit.
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                 "env PS1='\(TmuxSession.prompt) ' LANG=C.UTF-8 sh -i"], captureOutput: false)
        guard waitFor({ $0.contains(TmuxSession.prompt) }) else {
            throw TmuxError("the shell prompt never appeared; pane: \(capture()) sessions: \((try? run(["list-sessions"])) ?? "?")")
        }
    }

    struct TmuxError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// Runs `tmux -L server ARGS` and returns its stdout. Uses posix_spawn + waitpid rather
    /// than Foundation's `Process`, which stalled here (clients left as zombies,
    /// `waitUntilExit` never returning), and to control the child's signal mask.
    @discardableResult
    func run(_ args: [String], captureOutput: Bool = true) throws -> String {
        let outPath = captureOutput ? NSTemporaryDirectory() + "tmux-out-\(getpid())-\(UUID().uuidString)" : "/dev/null"
        defer { if captureOutput { unlink(outPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Test-runner threads block most signals and a spawned process inherits the mask:
        // a tmux server started that way never sees SIGCHLD or SIGTERM and outlives
        // `kill-server`. Start children with an empty mask and default dispositions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptySet = sigset_t()
        sigemptyset(&emptySet)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &emptySet)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = [TmuxSession.executable ?? "tmux", "-L", server] + args
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw TmuxError("posix_spawn tmux failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return captureOutput ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
    }

    /// Types text literally, then Enter.
    func type(_ line: String) throws {
        try run(["send-keys", "-l", line])
        try run(["send-keys", "Enter"])
    }

    func keys(_ keys: String...) throws { try run(["send-keys"] + keys) }

    func capture() -> String { (try? run(["capture-pane", "-p"])) ?? "" }

    func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane until `condition` holds (true) or `timeout` passes (false).
    func waitFor(timeout: Double = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(capture()) { return true }
            usleep(50_000)
        }
        return false
    }

    /// Copies everything the pane's program writes to the terminal into `path`, raw
    /// (escape sequences included), until `stopRecording`.
    func startRecording(to path: String) throws { try run(["pipe-pane", "cat > '\(path)'"]) }

    func stopRecording() { _ = try? run(["pipe-pane"]) }

    /// Stops the server and removes its socket file, which `kill-server` leaves behind.
    func kill() {
        let socket = display("#{socket_path}")
        _ = try? run(["kill-server"])
        if socket.hasPrefix("/") { unlink(socket) }
    }
}

/// Waits for a file to exist and be non-empty; returns its contents.
func waitForFile(_ path: String, timeout: Double = 10) -> String? {
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
func waitForRecording(_ path: String, toContain text: String, timeout: Double = 5) -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var contents = ""
    while Date() < deadline {
        contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if contents.contains(text) { break }
        usleep(50_000)
    }
    return contents
}
