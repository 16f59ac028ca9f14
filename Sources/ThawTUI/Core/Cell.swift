/// One terminal cell. A wide character occupies two: the first holds the grapheme, the
/// second is a continuation (empty `symbol`) so that column arithmetic stays simple and the
/// diff can tell when half of a wide character was overwritten.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster; "" marks the right half of a wide character.
    public var symbol: String
    public var fg: Paint
    public var bg: Paint
    public var flags: StyleFlags

    public init(_ symbol: String = " ", fg: Paint = .role(.foreground), bg: Paint = .role(.background),
                flags: StyleFlags = []) {
        self.symbol = symbol
        self.fg = fg
        self.bg = bg
        self.flags = flags
    }

    /// A space in the theme's foreground on its background: what an untouched screen shows.
    public static let blank = Cell()

    public var isContinuation: Bool { symbol.isEmpty }

    /// Columns the symbol occupies (0 for a continuation).
    public var width: Int { symbol.isEmpty ? 0 : CharWidth.width(of: symbol) }

    public var style: Style { Style(fg: fg, bg: bg, flags: flags) }

    public mutating func apply(_ style: Style) {
        if let f = style.fg { fg = f }
        if let b = style.bg { bg = b }
        flags.formUnion(style.flags)
    }
}
