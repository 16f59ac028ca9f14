/// A key press, decoded. Equal keys compare equal however the terminal spelled them
/// (`ESC [ A`, `ESC O A` and curses' KEY_UP are all `.up`), so keymaps are plain data.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12 (and beyond, when a terminal sends them).
    case function(Int)
    /// Ctrl plus a letter or one of `@[\]^_`, stored lower-case: `.ctrl("c")`.
    case ctrl(Character)
    /// Alt (Meta) plus a character, sent by terminals as ESC followed by the character.
    case alt(Character)
    /// The terminal changed size, or its contents must be redrawn (after Ctrl-Z and `fg`).
    case resize
    /// A sequence we could not decode, kept for the log.
    case unknown(String)

    /// Parses the spelling used in keymap data and help text: `"q"`, `"enter"`, `"ctrl-c"`,
    /// `"alt-x"`, `"f5"`, `"pgup"`, `"shift-tab"`, `"space"`.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        if text.count == 1, let c = text.first { self = .char(c); return }
        for (prefix, make) in [("ctrl-", Key.ctrl), ("c-", Key.ctrl), ("alt-", Key.alt), ("m-", Key.alt)]
        where lower.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            if rest.count == 1, let c = rest.first {
                self = make(prefix.hasPrefix("c") ? Character(c.lowercased()) : c)
                return
            }
            if rest.lowercased() == "space" { self = make(" "); return }
            return nil
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { self = .function(n); return }
        let named: [String: Key] = [
            "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "delete": .delete,
            "del": .delete, "insert": .insert, "up": .up, "down": .down, "left": .left, "right": .right,
            "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown,
            "pagedown": .pageDown, "space": .char(" "),
        ]
        guard let key = named[lower] else { return nil }
        self = key
    }

    /// How the key is shown in help bars: short, and ASCII under the ASCII glyph set.
    public func label(_ glyphs: GlyphSet = .unicode) -> String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .enter: glyphs.enter
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .insert: "Ins"
        case .up: glyphs.arrowUp
        case .down: glyphs.arrowDown
        case .left: glyphs.arrowLeft
        case .right: glyphs.arrowRight
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        case .ctrl(let c): "^" + c.uppercased()
        case .alt(let c): "M-\(c)"
        case .resize: "resize"
        case .unknown(let s): s
        }
    }
}
