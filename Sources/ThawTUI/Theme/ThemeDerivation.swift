/// Fills in the roles a theme file leaves out, so a theme can be as short as two lines.
///
/// RGB themes get shades mixed from their own colours (surface a step from the background
/// towards the foreground, muted half-way between them), which keeps derived shades in the
/// theme's own palette for dark and light themes alike. Themes without RGB fall back to the
/// terminal's ANSI slots, and a theme whose foreground and background are both `default`
/// (a "no colour" theme) gets attributes instead of colours.
enum ThemeDerivation {
    /// Dependency order: every role is derived only from roles earlier in this list.
    static let order: [ThemeRole] = [
        .background, .foreground, .surface, .muted, .primary, .accent, .success, .warning, .error,
        .border, .borderFocused, .title, .selection, .selectionText, .chartAxis, .chartMarker,
    ] + ThemeRole.chartSeries + [.gradientLow, .gradientMid, .gradientHigh]

    static func complete(_ given: [ThemeRole: ThemeEntry]) -> [ThemeRole: ThemeEntry] {
        var out = given
        for role in order where out[role] == nil {
            out[role] = derive(role, from: out)
        }
        return out
    }

    /// Roles the theme file did not set, in file order; reported so a theme author can see
    /// what was filled in.
    static func missing(from given: [ThemeRole: ThemeEntry]) -> [ThemeRole] {
        ThemeRole.allCases.filter { given[$0] == nil }
    }

    private static func derive(_ role: ThemeRole, from t: [ThemeRole: ThemeEntry]) -> ThemeEntry {
        let bg = t[.background]?.color ?? .default
        let fg = t[.foreground]?.color ?? .default
        let noColour = bg == .default && fg == .default
        let bgRGB = bg.rgbValue, fgRGB = fg.rgbValue
        func rgbMix(_ t: Double) -> Color? {
            guard case .rgb = bg, case .rgb = fg, let b = bgRGB, let f = fgRGB else { return nil }
            return b.mixed(with: f, t).color
        }
        func get(_ r: ThemeRole) -> ThemeEntry { t[r] ?? ThemeEntry(.default) }
        if noColour {
            switch role {
            case .chartSeries2, .chartSeries5, .chartSeries8: return ThemeEntry(.default, flags: .bold)
            case .chartSeries3, .chartSeries6: return ThemeEntry(.default, flags: .dim)
            default: return ThemeEntry(.default, flags: role.monochromeFlags)
            }
        }
        switch role {
        case .background, .foreground: return ThemeEntry(.default)
        case .surface: return ThemeEntry(rgbMix(0.07) ?? bg)
        case .muted: return rgbMix(0.45).map { ThemeEntry($0) } ?? ThemeEntry(fg, flags: .dim)
        case .primary: return ThemeEntry(.blue)
        case .accent: return ThemeEntry(.magenta)
        case .success: return ThemeEntry(.green)
        case .warning: return ThemeEntry(.yellow)
        case .error: return ThemeEntry(.red)
        case .border: return ThemeEntry(get(.muted).color)
        case .borderFocused: return ThemeEntry(get(.primary).color, flags: .bold)
        case .title: return ThemeEntry(fg, flags: .bold)
        case .selection:
            if case .rgb = bg, let b = bgRGB, let p = get(.primary).color.rgbValue {
                return ThemeEntry(b.mixed(with: p, 0.3).color)
            }
            return ThemeEntry(.default, flags: .reverse)
        case .selectionText: return ThemeEntry(fg)
        case .chartAxis: return ThemeEntry(get(.muted).color)
        case .chartMarker: return ThemeEntry(get(.warning).color)
        case .chartSeries1: return ThemeEntry(get(.primary).color)
        case .chartSeries2: return ThemeEntry(get(.warning).color)
        case .chartSeries3: return ThemeEntry(get(.success).color)
        case .chartSeries4: return ThemeEntry(get(.accent).color)
        case .chartSeries5: return ThemeEntry(.cyan)
        case .chartSeries6: return ThemeEntry(get(.error).color)
        case .chartSeries7: return ThemeEntry(.ansi(11))
        case .chartSeries8: return ThemeEntry(get(.muted).color)
        case .gradientLow: return ThemeEntry(get(.success).color)
        case .gradientMid: return ThemeEntry(get(.warning).color)
        case .gradientHigh: return ThemeEntry(get(.error).color)
        }
    }
}
