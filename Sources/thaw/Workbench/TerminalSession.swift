import Foundation
import ThawCurses
import ThawTUI

/// The terminal of a full-screen command (the workbench, the monitor): the guard armed
/// first, so its signal handlers stay in charge of curses', then curses, the glyphs the
/// locale allows and the theme. `close()` gives the terminal back.
struct TerminalSession {
    let terminalGuard: TerminalGuard
    let backend: CursesBackend
    let theme: Theme
    /// Why the theme asked for could not be used, for the status line.
    let themeWarning: String?

    /// Throws when there is no usable terminal (a pipe, TERM=dumb…); the caller points the
    /// user at the headless command instead. Stderr goes to `logName` under
    /// $XDG_STATE_HOME/thaw while the screen is in use.
    static func open(theme name: String, logName: String, environment: [String: String],
                     options: CursesBackend.Options = CursesBackend.Options()) throws(TerminalUnavailable) -> TerminalSession {
        let terminalGuard = try TerminalGuard(programName: "thaw", logPath: WorkbenchCommand.logPath(environment, name: logName),
                                              redirectStderr: true)
        let backend: CursesBackend
        do {
            backend = try CursesBackend(options: options, guard: terminalGuard, environment: environment)
        } catch {
            terminalGuard.disarm()
            throw error
        }
        let glyphs: GlyphSet = backend.asciiOnly ? .ascii : GlyphSet.forEnvironment(environment)
        let themed = WorkbenchCommand.loadTheme(name, glyphs: glyphs, environment: environment)
        return TerminalSession(terminalGuard: terminalGuard, backend: backend, theme: themed.theme, themeWarning: themed.warning)
    }

    func close() {
        backend.close()
        terminalGuard.disarm()
    }
}
