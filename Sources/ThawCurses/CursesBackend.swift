#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import ThawTUI

/// The ncurses terminal. The only type in Thaw that calls curses; everything it draws
/// comes from `Buffer` diffs, everything it reads leaves as `Key`.
///
/// Not Sendable, deliberately: curses is not thread-safe, and the raw `SCREEN`/`WINDOW`
/// pointers it holds keep the compiler from letting it leave the UI thread.
public final class CursesBackend: TerminalBackend {
    public enum InputMode: Sendable {
        /// Ctrl-C, Ctrl-Z and Ctrl-\ raise signals (handled by `TerminalGuard`).
        case cbreak
        /// Every key, Ctrl-C and Ctrl-Z included, arrives as a key; the app must offer
        /// its own quit and call `suspend()`.
        case raw
    }

    public struct Options: Sendable {
        public var inputMode: InputMode = .cbreak
        /// Handle Ctrl-Z inside the backend: restore the terminal, stop, repaint on `fg`
        /// (`readKey` then returns `.resize`). The tty's own suspend character is turned
        /// off so Ctrl-Z arrives as a key: when the tty raises SIGTSTP itself, every process
        /// in the job stops at once and the shell can take the terminal back before we
        /// have restored its mode.
        public var suspendOnCtrlZ = true
        /// Ctrl-C arrives as the key `.ctrl("c")` instead of raising SIGINT, so the app can
        /// stop its work cleanly (a training run saves a checkpoint) before it exits. A
        /// SIGINT sent from outside still ends the process at once through `TerminalGuard`.
        public var interruptAsKey = false
        /// How long curses waits after ESC for the rest of a sequence (ESCDELAY).
        public var escapeDelayMilliseconds: Int32 = 25
        /// Caps the colours used, e.g. `.monochrome` for NO_COLOR.
        public var maxColorDepth: ColorDepth = .indexed256

        public init() {}
    }

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let terminalGuard: TerminalGuard?
    public internal(set) var size: Size
    public let colorDepth: ColorDepth
    /// The locale cannot encode non-ASCII text; such symbols are written as `?` so curses
    /// never prints its `M-x` escapes (mojibake).
    public let asciiOnly: Bool
    var output = CursesOutputState()
    var pendingKeys: [Key] = []
    let suspendOnCtrlZ: Bool
    private(set) var isClosed = false

    /// Starts curses on the controlling terminal. Calls `setlocale(LC_ALL, "")` first
    /// (without it curses cannot output wide characters). Uses `newterm`, not `initscr`,
    /// which would print an error and exit the process on an unknown TERM.
    public init(options: Options = Options(), guard terminalGuard: TerminalGuard?,
                environment: [String: String]) throws(TerminalUnavailable) {
        guard isatty(STDIN_FILENO) == 1 else { throw .notATerminal(stream: "standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal(stream: "standard output") }
        guard let term = environment["TERM"], !term.isEmpty else { throw .termUnset }
        guard term != "dumb" else { throw .dumbTerminal }
        setlocale(LC_ALL, "")
        guard let screen = newterm(nil, thaw_stdout(), thaw_stdin()) else { throw .unknownTerminal(term) }
        set_term(screen)
        guard thaw_tigetstr("cup") != nil, let window = thaw_stdscr() else {
            endwin()
            delscreen(screen)
            throw .missingCapability(term: term, capability: "cup (cursor addressing)")
        }
        self.screen = screen
        self.window = window
        self.terminalGuard = terminalGuard
        asciiOnly = String(cString: thaw_codeset()).uppercased().filter { $0 != "-" } != "UTF8"
        switch options.inputMode {
        case .cbreak: cbreak()
        case .raw: raw()
        }
        noecho()
        nonl()
        suspendOnCtrlZ = options.suspendOnCtrlZ
        var disabled: [Int32] = []
        if options.suspendOnCtrlZ { disabled.append(VSUSP) }
        if options.interruptAsKey { disabled.append(VINTR) }
        CursesBackend.disableControlCharacters(disabled)
        keypad(window, true)
        meta(window, true)
        set_escdelay(options.escapeDelayMilliseconds)
        curs_set(0)
        var depth = ColorDepth.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth(colorCount: Int(thaw_colors()))
        }
        colorDepth = min(depth, options.maxColorDepth, .indexed256)
        output.maxPairs = min(Int(thaw_color_pairs()), Int(Int16.max))
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        terminalGuard?.setTerminalSequences(exit: CursesBackend.sequence(["sgr0", "cnorm", "rmkx", "rmcup"]),
                                            enter: CursesBackend.sequence(["smcup", "smkx", "civis"]))
    }

    deinit { close() }

    /// Concatenated terminfo strings; missing capabilities are skipped.
    static func sequence(_ capabilities: [String]) -> [UInt8] {
        capabilities.flatMap { name -> [UInt8] in
            guard let value = thaw_tigetstr(name) else { return [] }
            return Array(String(cString: value).utf8)
        }
    }

    /// The guard gave the terminal back (a crash on another thread, a termination signal):
    /// nothing more may reach it, or the UI would draw over the shell's screen.
    var terminalGivenBack: Bool { terminalGuard?.hasRestoredTerminal ?? false }

    public func flush() {
        guard !isClosed, !terminalGivenBack else { return }
        wnoutrefresh(window)
        doupdate()
    }

    /// Leaves curses: cursor back, attributes reset, alternate screen left, tty mode
    /// restored. Idempotent; disarm the guard afterwards.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    /// Gives the terminal back and stops the whole job (as Ctrl-Z does in a shell);
    /// returns after `fg`, with the screen repainted. The terminal is restored *before*
    /// the job is stopped, so the shell never sees curses' mode.
    public func suspend() {
        guard !isClosed else { return }
        endwin()
        kill(0, SIGTSTP)
        _ = terminalGuard?.consumeResumed()
        repaintAll()
    }

    /// Turns off the tty's signal characters `indices` (VSUSP, VINTR) in curses' terminal
    /// mode, so those keys arrive as input; then makes curses adopt that mode.
    static func disableControlCharacters(_ indices: [Int32]) {
        guard !indices.isEmpty else { return }
        var mode = termios()
        guard tcgetattr(STDIN_FILENO, &mode) == 0 else { return }
        withUnsafeMutableBytes(of: &mode.c_cc) { bytes in for index in indices { bytes[Int(index)] = 0 } }  // _POSIX_VDISABLE
        if tcsetattr(STDIN_FILENO, TCSANOW, &mode) == 0 { def_prog_mode() }
    }

    /// After a resume or a lost screen: resize if the window changed while we were
    /// stopped (no SIGWINCH reaches a stopped process), then repaint every cell.
    func repaintAll() {
        guard !terminalGivenBack else { return }
        var rows: Int32 = 0, cols: Int32 = 0
        if thaw_tty_size(STDOUT_FILENO, &rows, &cols) == 0, rows > 0, cols > 0,
           Int(rows) != size.height || Int(cols) != size.width {
            resizeterm(rows, cols)
        }
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        clearok(thaw_curscr(), true)
        wrefresh(window)
    }
}
