/// One role's look: a colour plus attributes. The attributes are how a monochrome theme
/// (or any theme on a colourless terminal) keeps selections and focus visible.
public struct ThemeEntry: Hashable, Sendable {
    public var color: Color
    public var flags: StyleFlags

    public init(_ color: Color, flags: StyleFlags = []) {
        self.color = color
        self.flags = flags
    }
}

/// A complete palette: every role has an entry (the parser derives missing ones), so
/// resolving never fails. Passed into every render and to the backend, never global.
public struct Theme: Hashable, Sendable {
    public var name: String
    public private(set) var entries: [ThemeRole: ThemeEntry]
    /// Box-drawing and chart glyphs. Chosen by the caller from the locale rather than by
    /// the theme file, because what a terminal can display is not a matter of taste.
    public var glyphs: GlyphSet

    /// Builds a theme from the roles given; the rest are derived (see `ThemeDerivation`).
    public init(name: String, entries: [ThemeRole: ThemeEntry], glyphs: GlyphSet = .unicode) {
        self.name = name
        self.entries = ThemeDerivation.complete(entries)
        self.glyphs = glyphs
    }

    public subscript(role: ThemeRole) -> ThemeEntry {
        entries[role] ?? ThemeEntry(.default)
    }

    /// A concrete colour for any paint.
    public func color(_ paint: Paint) -> Color {
        switch paint {
        case .color(let c): c
        case .role(let r): self[r].color
        }
    }

    public func withGlyphs(_ glyphs: GlyphSet) -> Theme {
        var copy = self
        copy.glyphs = glyphs
        return copy
    }

    /// A colour along the low→mid→high gradient for `t` in 0…1, e.g. to colour a heat map
    /// or a gradient-norm gauge. Returns the nearest stop when the stops are not RGB.
    public func gradient(_ t: Double) -> Color {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        let (a, b, u) = t < 0.5 ? (self[.gradientLow].color, self[.gradientMid].color, t * 2)
                                : (self[.gradientMid].color, self[.gradientHigh].color, (t - 0.5) * 2)
        guard case .rgb = a, case .rgb = b, let ra = a.rgbValue, let rb = b.rgbValue else { return u < 0.5 ? a : b }
        return ra.mixed(with: rb, u).color
    }

    /// The built-in dark theme; identical to `Themes/default.theme` (a test checks), so a
    /// missing or broken theme file still yields the real default.
    public static let `default` = Theme(name: "default", entries: [
        .background: ThemeEntry(.rgb(0x1b, 0x1e, 0x28)),
        .surface: ThemeEntry(.rgb(0x24, 0x28, 0x36)),
        .foreground: ThemeEntry(.rgb(0xd8, 0xde, 0xe9)),
        .muted: ThemeEntry(.rgb(0x7a, 0x84, 0x9a)),
        .primary: ThemeEntry(.rgb(0x6c, 0xb6, 0xff)),
        .accent: ThemeEntry(.rgb(0xc7, 0x92, 0xea)),
        .success: ThemeEntry(.rgb(0x8b, 0xd4, 0x7c)),
        .warning: ThemeEntry(.rgb(0xf2, 0xc1, 0x4e)),
        .error: ThemeEntry(.rgb(0xff, 0x6b, 0x6b)),
        .border: ThemeEntry(.rgb(0x3e, 0x45, 0x5a)),
        .borderFocused: ThemeEntry(.rgb(0x6c, 0xb6, 0xff), flags: .bold),
        .title: ThemeEntry(.rgb(0xe6, 0xeb, 0xf4), flags: .bold),
        .selection: ThemeEntry(.rgb(0x2f, 0x4a, 0x6e)),
        .selectionText: ThemeEntry(.rgb(0xff, 0xff, 0xff)),
        .chartAxis: ThemeEntry(.rgb(0x7a, 0x84, 0x9a)),
        .chartMarker: ThemeEntry(.rgb(0xf2, 0xc1, 0x4e)),
        .chartSeries1: ThemeEntry(.rgb(0x6c, 0xb6, 0xff)),
        .chartSeries2: ThemeEntry(.rgb(0xff, 0x9e, 0x64)),
        .chartSeries3: ThemeEntry(.rgb(0x8b, 0xd4, 0x7c)),
        .chartSeries4: ThemeEntry(.rgb(0xc7, 0x92, 0xea)),
        .chartSeries5: ThemeEntry(.rgb(0x5f, 0xd7, 0xd7)),
        .chartSeries6: ThemeEntry(.rgb(0xff, 0x6b, 0x9d)),
        .chartSeries7: ThemeEntry(.rgb(0xf2, 0xc1, 0x4e)),
        .chartSeries8: ThemeEntry(.rgb(0xa0, 0xa8, 0xb8)),
        .gradientLow: ThemeEntry(.rgb(0x8b, 0xd4, 0x7c)),
        .gradientMid: ThemeEntry(.rgb(0xf2, 0xc1, 0x4e)),
        .gradientHigh: ThemeEntry(.rgb(0xff, 0x6b, 0x6b)),
    ])
}
