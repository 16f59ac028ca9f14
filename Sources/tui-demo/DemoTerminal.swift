import ThawCurses
import ThawTUI

/// The demo's terminal, set up exactly as `thaw workbench` sets up its own (see
/// `TerminalSession` in Sources/thaw/Workbench): the guard armed first, so its signal
/// handlers stay in charge of curses', with stderr redirected to the log; then curses,
/// with Ctrl-C as a key; then the glyphs the locale allows and the theme.
struct DemoTerminal {
    let terminalGuard: TerminalGuard
    let backend: CursesBackend
    let theme: Theme

    static func open(logPath: String?, environment: [String: String]) throws(TerminalUnavailable) -> DemoTerminal {
        let terminalGuard = try TerminalGuard(programName: "tui-demo", logPath: logPath, redirectStderr: true)
        let backend: CursesBackend
        do {
            var options = CursesBackend.Options()
            options.interruptAsKey = true
            backend = try CursesBackend(options: options, guard: terminalGuard, environment: environment)
        } catch {
            terminalGuard.disarm()
            throw error
        }
        let glyphs: GlyphSet = backend.asciiOnly ? .ascii : GlyphSet.forEnvironment(environment)
        return DemoTerminal(terminalGuard: terminalGuard, backend: backend, theme: Theme.default.withGlyphs(glyphs))
    }

    func close() {
        backend.close()
        terminalGuard.disarm()
    }
}
