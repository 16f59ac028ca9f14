/// Decodes raw terminal input (characters as the tty delivers them) into keys.
///
/// curses already decodes the sequences its terminfo entry knows; this decoder handles the
/// rest: Alt as an ESC prefix, sequences missing from terminfo (xterm's `ESC [ 1 ; 5 A`,
/// the Linux console's `ESC [ [ A`), control characters. It is pure, so every sequence is
/// tested without a terminal; the curses backend only gathers a burst of input (ESC plus
/// whatever follows within a few milliseconds) and hands it here.
public enum KeyDecoder {
    static let esc: UInt32 = 0x1B

    public static func decode(_ text: String) -> [Key] { decode(Array(text.unicodeScalars)) }

    /// Decodes a burst into keys. A trailing lone ESC is the Escape key.
    public static func decode(_ input: [Unicode.Scalar]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < input.count {
            let (key, used) = decodeOne(input, at: i)
            if let key { keys.append(key) }
            i += max(1, used)
        }
        return keys
    }

    /// One key starting at `i`, and how many scalars it consumed (nil key = ignored input).
    static func decodeOne(_ s: [Unicode.Scalar], at i: Int) -> (Key?, Int) {
        let c = s[i].value
        guard c == esc else { return (plain(s[i]), 1) }
        guard i + 1 < s.count else { return (.escape, 1) }
        let next = s[i + 1]
        switch next {
        case "[": return csi(s, at: i)
        case "O":
            guard i + 2 < s.count else { return (.alt("O"), 2) }
            return (ss3(s[i + 2]) ?? .unknown(describe(s[i...(i + 2)])), 3)
        default:
            if next.value == esc || next.value < 0x20 || next.value == 0x7F { return (.escape, 1) }
            return (.alt(Character(next)), 2)
        }
    }

    /// `ESC [ params final`. Modifier parameters (`1;5` for Ctrl) are dropped: the keymap
    /// has no use for Ctrl-Up yet, and Up is a better guess than an unknown key.
    static func csi(_ s: [Unicode.Scalar], at start: Int) -> (Key?, Int) {
        var j = start + 2
        if j < s.count, s[j] == "[" {  // Linux console F1–F5: ESC [ [ A…E
            guard j + 1 < s.count else { return (.unknown(describe(s[start...])), s.count - start) }
            let f = Int(s[j + 1].value) - Int(("A" as Unicode.Scalar).value) + 1
            return ((1...5).contains(f) ? .function(f) : .unknown(describe(s[start...(j + 1)])), j + 2 - start)
        }
        var params = ""
        while j < s.count, (0x30...0x3F).contains(s[j].value) {
            params.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, (0x40...0x7E).contains(s[j].value) else {
            return (.unknown(describe(s[start..<min(j, s.count)])), j - start)
        }
        let final = s[j]
        let used = j + 1 - start
        let first = Int(params.split(separator: ";").first ?? "") ?? 1
        let key: Key?
        switch final {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": key = .backTab
        case "P", "Q", "R", "S": key = .function(Int(final.value) - Int(("P" as Unicode.Scalar).value) + 1)
        case "~": key = tilde(first)
        default: key = nil
        }
        return (key ?? .unknown(describe(s[start..<(start + used)])), used)
    }

    /// `ESC [ n ~` keys (VT220 style), numbered as xterm and the Linux console send them.
    static func tilde(_ n: Int) -> Key? {
        switch n {
        case 1, 7: .home
        case 2: .insert
        case 3: .delete
        case 4, 8: .end
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(n - 10)
        case 17...21: .function(n - 11)
        case 23...26: .function(n - 12)
        default: nil
        }
    }

    /// `ESC O x`: application-mode cursor keys and F1–F4.
    static func ss3(_ c: Unicode.Scalar) -> Key? {
        switch c {
        case "A": .up
        case "B": .down
        case "C": .right
        case "D": .left
        case "H": .home
        case "F": .end
        case "M": .enter
        case "P": .function(1)
        case "Q": .function(2)
        case "R": .function(3)
        case "S": .function(4)
        default: nil
        }
    }

    /// A single non-ESC character: control characters become named or Ctrl keys.
    public static func plain(_ c: Unicode.Scalar) -> Key {
        switch c.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(c.value + 0x60)!))
        case 0x1B: return .escape
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(c.value + 0x40)!))
        default: return .char(Character(c))
        }
    }

    static func describe(_ s: ArraySlice<Unicode.Scalar>) -> String {
        s.map { $0.value == esc ? "ESC" : String($0) }.joined(separator: " ")
    }
}
