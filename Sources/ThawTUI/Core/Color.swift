/// A concrete terminal colour.
///
/// Widgets rarely name one directly: they paint with a `ThemeRole` (see `Paint`) so that a
/// theme file, not the code, decides the palette. Concrete colours exist for themes
/// themselves and for computed colours such as gradients.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background (what `use_default_colors` gives).
    case `default`
    /// One of the 16 palette slots: 0–7 the classic ANSI colours, 8–15 their bright forms.
    /// The user's terminal palette decides what they look like, which is why themes that
    /// must follow the user's scheme use them.
    case ansi(UInt8)
    /// An xterm 256-colour index. Indices below 16 mean the same as `.ansi`.
    case indexed(UInt8)
    /// 24-bit colour; mapped to the nearest 256/8-colour slot on terminals with fewer.
    case rgb(UInt8, UInt8, UInt8)

    /// Classic ANSI slot names, in palette order; `bright-` prefixes select 8–15.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    public static let black = Color.ansi(0), red = Color.ansi(1), green = Color.ansi(2)
    public static let yellow = Color.ansi(3), blue = Color.ansi(4), magenta = Color.ansi(5)
    public static let cyan = Color.ansi(6), white = Color.ansi(7)

    /// Parses `#rrggbb` / `#rgb` hex notation.
    public init?(hex: String) {
        var digits = Substring(hex)
        guard digits.first == "#" else { return nil }
        digits = digits.dropFirst()
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        if digits.count == 3 {
            let v = digits.map { UInt8(String($0), radix: 16)! * 17 }
            self = .rgb(v[0], v[1], v[2])
        } else if digits.count == 6, let n = UInt32(digits, radix: 16) {
            self = .rgb(UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF))
        } else {
            return nil
        }
    }

    /// The colour's approximate sRGB value (xterm's default palette for indexed colours);
    /// nil for `.default`, whose value only the terminal knows.
    public var rgbValue: RGB? {
        switch self {
        case .default: nil
        case .ansi(let i): Palette256.rgb(ofIndex: i & 15)
        case .indexed(let i): Palette256.rgb(ofIndex: i)
        case .rgb(let r, let g, let b): RGB(r, g, b)
        }
    }

    /// A short stable name used in styled snapshots and theme dumps.
    public var code: String {
        switch self {
        case .default: "default"
        case .ansi(let i): i < 8 ? Color.ansiNames[Int(i)] : "bright-" + Color.ansiNames[Int(i & 7)]
        case .indexed(let i): "color\(i)"
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}

/// A plain sRGB triple, used for colour arithmetic (gradients, derived shades, nearest match).
public struct RGB: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    /// Linear interpolation in sRGB; good enough for shades and three-stop gradients.
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        let t = min(max(t, 0), 1)
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(lerp(r, other.r), lerp(g, other.g), lerp(b, other.b))
    }

    /// Relative luminance (0 black … 1 white), used to tell light themes from dark ones.
    public var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    public var color: Color { .rgb(r, g, b) }
}
