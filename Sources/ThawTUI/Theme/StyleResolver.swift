/// A cell's final look on a particular terminal: concrete colours already mapped to the
/// terminal's depth, and attributes.
public struct ResolvedStyle: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var flags: StyleFlags

    public init(fg: Color, bg: Color, flags: StyleFlags) {
        self.fg = fg
        self.bg = bg
        self.flags = flags
    }
}

/// Turns cells painted with theme roles into terminal colours for one theme and depth.
/// Pure and separate from curses, so colour down-mapping is tested without a terminal.
public struct StyleResolver: Sendable {
    public let theme: Theme
    public let depth: ColorDepth
    private var roleTable: [ThemeRole: ResolvedEntry] = [:]
    private var colorCache: [Color: Color] = [:]

    private struct ResolvedEntry: Sendable {
        var color: Color
        var flags: StyleFlags
    }

    public init(theme: Theme, depth: ColorDepth) {
        self.theme = theme
        self.depth = depth
        for role in ThemeRole.allCases {
            let entry = theme[role]
            var flags = entry.flags
            // Without colour, only attributes can keep a selection or focus visible.
            if depth == .monochrome { flags.formUnion(role.monochromeFlags) }
            roleTable[role] = ResolvedEntry(color: ColorMapping.map(entry.color, to: depth), flags: flags)
        }
    }

    public mutating func resolve(_ cell: Cell) -> ResolvedStyle {
        let (fg, fgFlags) = resolve(cell.fg)
        let (bg, bgFlags) = resolve(cell.bg)
        var style = ResolvedStyle(fg: fg, bg: bg, flags: cell.flags.union(fgFlags).union(bgFlags))
        // Two distinct theme colours can collapse onto one slot on 8/16-colour terminals;
        // text must not vanish into its background when that happens.
        if style.fg == style.bg, style.fg != .default, theme.color(cell.fg) != theme.color(cell.bg) {
            let dark = (style.bg.rgbValue?.luminance ?? 0) < 0.5
            style.fg = dark ? .ansi(7) : .ansi(0)
        }
        return style
    }

    private mutating func resolve(_ paint: Paint) -> (Color, StyleFlags) {
        switch paint {
        case .role(let role):
            let entry = roleTable[role]!
            return (entry.color, entry.flags)
        case .color(let color):
            if let cached = colorCache[color] { return (cached, []) }
            let mapped = ColorMapping.map(color, to: depth)
            colorCache[color] = mapped
            return (mapped, [])
        }
    }
}
