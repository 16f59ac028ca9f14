/// Why the full-screen UI cannot start. The caller turns it into a one-line message that
/// suggests the headless commands (`thaw train CONFIG`), and exits with status 2.
public enum TerminalUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    /// stdin or stdout is a pipe or file, not a terminal.
    case notATerminal(stream: String)
    /// `TERM` is unset or empty.
    case termUnset
    /// `TERM=dumb` (Emacs shells, some CI logs): no cursor addressing.
    case dumbTerminal
    /// No terminfo entry for `TERM`.
    case unknownTerminal(String)
    /// The entry lacks something a full-screen UI needs.
    case missingCapability(term: String, capability: String)
    /// Another `TerminalGuard` is already active in this process.
    case guardAlreadyActive

    public var description: String {
        switch self {
        case .notATerminal(let stream): "\(stream) is not a terminal"
        case .termUnset: "TERM is not set"
        case .dumbTerminal: "TERM=dumb cannot show a full-screen interface"
        case .unknownTerminal(let term): "unknown terminal type TERM=\(term) (no terminfo entry)"
        case .missingCapability(let term, let cap): "TERM=\(term) lacks the \"\(cap)\" capability"
        case .guardAlreadyActive: "a terminal guard is already active in this process"
        }
    }
}
