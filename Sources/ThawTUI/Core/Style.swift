/// Text attributes a terminal can show without colour. On a monochrome terminal they are
/// all a theme has left to tell a selection or a focused panel apart.
public struct StyleFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = StyleFlags(rawValue: 1 << 0)
    public static let dim = StyleFlags(rawValue: 1 << 1)
    public static let italic = StyleFlags(rawValue: 1 << 2)
    public static let underline = StyleFlags(rawValue: 1 << 3)
    public static let reverse = StyleFlags(rawValue: 1 << 4)

    /// Names as written in theme files and snapshot legends, in a fixed order.
    public static let named: [(String, StyleFlags)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
    ]

    public var names: [String] { StyleFlags.named.filter { contains($0.1) }.map(\.0) }
}

/// What a cell is painted with: a semantic role, resolved against the theme only by the
/// backend (so snapshots stay valid when a palette changes), or a concrete colour.
public enum Paint: Hashable, Sendable {
    case role(ThemeRole)
    case color(Color)

    public var code: String {
        switch self {
        case .role(let role): role.rawValue
        case .color(let color): color.code
        }
    }
}

/// A patch applied to cells: nil colours keep what is underneath, so text drawn inside a
/// filled panel keeps the panel's background.
public struct Style: Hashable, Sendable {
    public var fg: Paint?
    public var bg: Paint?
    public var flags: StyleFlags

    public init(fg: Paint? = nil, bg: Paint? = nil, flags: StyleFlags = []) {
        self.fg = fg
        self.bg = bg
        self.flags = flags
    }

    public static let plain = Style()

    /// `other`'s colours win where set; flags accumulate.
    public func patched(with other: Style) -> Style {
        Style(fg: other.fg ?? fg, bg: other.bg ?? bg, flags: flags.union(other.flags))
    }

    public func adding(_ extra: StyleFlags) -> Style {
        Style(fg: fg, bg: bg, flags: flags.union(extra))
    }
}
