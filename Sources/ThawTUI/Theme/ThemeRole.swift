/// The semantic colours a theme defines. Widgets paint with these, never with literal
/// colours, so one theme file restyles every panel. The raw value is the theme-file key.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case background, surface, foreground, muted
    case primary, accent, success, warning, error
    case border
    case borderFocused = "border_focused"
    case title
    case selection
    case selectionText = "selection_text"
    case chartAxis = "chart_axis"
    case chartMarker = "chart_marker"
    case chartSeries1 = "chart_series_1", chartSeries2 = "chart_series_2"
    case chartSeries3 = "chart_series_3", chartSeries4 = "chart_series_4"
    case chartSeries5 = "chart_series_5", chartSeries6 = "chart_series_6"
    case chartSeries7 = "chart_series_7", chartSeries8 = "chart_series_8"
    case gradientLow = "gradient_low", gradientMid = "gradient_mid", gradientHigh = "gradient_high"

    public static let chartSeries: [ThemeRole] = [
        .chartSeries1, .chartSeries2, .chartSeries3, .chartSeries4,
        .chartSeries5, .chartSeries6, .chartSeries7, .chartSeries8,
    ]

    /// The colour of series number `index` (0-based), cycling after eight. Charts key series
    /// colours by a stable index, not by draw order, so a curve keeps its colour when another
    /// one is hidden.
    public static func chartSeries(_ index: Int) -> ThemeRole {
        chartSeries[((index % 8) + 8) % 8]
    }

    /// True for roles used as a cell background rather than text colour.
    public var isBackground: Bool { self == .background || self == .surface || self == .selection }

    /// What a role falls back to on a terminal without colour. Only attributes survive
    /// there, so each role that must stay distinguishable gets one.
    public var monochromeFlags: StyleFlags {
        switch self {
        case .selection: .reverse
        case .muted, .border, .chartAxis: .dim
        case .borderFocused, .title, .primary, .error, .warning: .bold
        case .accent, .chartMarker: .underline
        default: []
        }
    }
}
