#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import ThawTUI

extension CursesBackend {
    /// How long to wait for the rest of an escape sequence after curses handed us a bare
    /// ESC. curses has already waited ESCDELAY, so the rest is normally queued; this only
    /// covers slow links.
    static let sequenceFollowMilliseconds: Int32 = 5

    public func readKey(timeout: Duration?) -> Key? {
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        // Without a timeout, wait in slices: a resume from Ctrl-Z must be noticed even
        // while no key comes.
        while true {
            guard !isClosed else { return nil }
            let ms = timeout.map { d -> Int32 in
                let total = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
                return Int32(clamping: max(0, total))
            } ?? 100
            // Reading through curses could write (wget_wch refreshes a changed window, a
            // resume repaints): wait without it; the process is on its way out.
            if terminalGivenBack {
                usleep(UInt32(ms) * 1000)
                return nil
            }
            if terminalGuard?.consumeResumed() == true {
                repaintAll()
                return .resize
            }
            if let key = readOne(milliseconds: ms) { return key }
            if terminalGuard?.consumeResumed() == true {
                repaintAll()
                return .resize
            }
            if timeout != nil { return nil }
        }
    }

    /// One wget_wch call: a key, or nil on timeout.
    private func readOne(milliseconds: Int32) -> Key? {
        wtimeout(window, milliseconds)
        var wch: wint_t = 0
        let rc = wget_wch(window, &wch)
        if rc == ERR { return nil }
        if rc == KEY_CODE_YES {
            if Int32(wch) == KEY_RESIZE {
                size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
                return .resize
            }
            return CursesKeyCodes.key(for: Int32(wch))
        }
        if wch == 0x1A, suspendOnCtrlZ {
            suspend()
            return .resize
        }
        var burst = [Unicode.Scalar(UInt32(wch)) ?? "?"]
        if wch == 0x1B { burst += followingCharacters() }
        pendingKeys += KeyDecoder.decode(burst)
        return pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Characters queued right after an ESC: the rest of an escape sequence curses did not
    /// recognise, or the character of an Alt chord. A function key in the middle ends the
    /// burst and is queued on its own.
    private func followingCharacters() -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        wtimeout(window, CursesBackend.sequenceFollowMilliseconds)
        defer { wtimeout(window, -1) }
        while out.count < 32 {
            var wch: wint_t = 0
            let rc = wget_wch(window, &wch)
            if rc == ERR { break }
            if rc == KEY_CODE_YES {
                pendingKeys.append(Int32(wch) == KEY_RESIZE ? .resize : CursesKeyCodes.key(for: Int32(wch)))
                break
            }
            out.append(Unicode.Scalar(UInt32(wch)) ?? "?")
            wtimeout(window, 0)
        }
        return out
    }
}

/// curses' KEY_* codes as keys. The constants are plain integer macros and import fine.
public enum CursesKeyCodes {
    public static func key(for code: Int32) -> Key {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME, KEY_A1: .home
        case KEY_END, KEY_C1: .end
        case KEY_PPAGE, KEY_A3: .pageUp
        case KEY_NPAGE, KEY_C3: .pageDown
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_BACKSPACE: .backspace
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_RESIZE: .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: .unknown("key code \(code)")
        }
    }
}
