import Foundation

/// A private tmux server for the end-to-end test: its own socket (`tmux -L NAME`), a fixed
/// size, an interactive `sh` with a known prompt. Always `kill()` it (use `defer`).
struct TmuxSession {
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    /// As `capture-pane` shows it (the trailing space of PS1 is dropped).
    static let prompt = "wb-test$"

    let server: String

    init(name: String, width: Int, height: Int) throws {
        server = "\(name)-\(getpid())"
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)",
                 "env PS1='\(TmuxSession.prompt) ' LANG=C.UTF-8 sh -i"])
        guard waitFor({ $0.contains(TmuxSession.prompt) }) else {
            throw TmuxError("the shell prompt never appeared: \(capture())")
        }
    }

    struct TmuxError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    @discardableResult
    func run(_ args: [String]) throws -> String {
        try Spawn.run([TmuxSession.executable ?? "tmux", "-L", server] + args).output
    }

    func keys(_ keys: String...) throws { try run(["send-keys"] + keys) }

    func type(_ line: String) throws {
        try run(["send-keys", "-l", line])
        try run(["send-keys", "Enter"])
    }

    func capture() -> String { (try? run(["capture-pane", "-p"])) ?? "" }

    func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane until `condition` holds (true) or `timeout` passes (false).
    func waitFor(timeout: Double = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(capture()) { return true }
            usleep(40_000)
        }
        return false
    }

    func kill() {
        let socket = display("#{socket_path}")
        _ = try? run(["kill-server"])
        if socket.hasPrefix("/") { unlink(socket) }
    }
}

/// Runs a program to completion with posix_spawn. Not Foundation's `Process`: a child
/// started from a test thread inherits that thread's blocked signals, and a tmux server
/// started that way never sees SIGCHLD or SIGTERM. Children here get an empty mask and
/// default dispositions, stdin from /dev/null and stdout to a file.
enum Spawn {
    static func run(_ argv: [String]) throws -> (status: Int32, output: String) {
        let outPath = NSTemporaryDirectory() + "wb-spawn-\(getpid())-\(UUID().uuidString)"
        defer { unlink(outPath) }
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
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xFF, output)
    }
}

/// Waits for a file to exist and end with a newline; returns its contents.
func waitForFile(_ path: String, timeout: Double = 10) -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty, text.hasSuffix("\n") { return text }
        usleep(40_000)
    }
    return nil
}
