/// A horizontal gauge with 1/8-cell resolution (block elements ▏…█), or whole `#` cells
/// in ASCII, and an optional label to its right ("42%", "step 120/500").
public struct ProgressBar: Widget {
    public var fraction: Double
    public var label: String?
    public var role: ThemeRole

    public init(fraction: Double, label: String? = nil, role: ThemeRole = .primary) {
        self.fraction = fraction
        self.label = label
        self.role = role
    }

    /// "42%"-style label for the fraction, the common case.
    public static func percentLabel(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "--%" }
        return "\(Int((min(max(fraction, 0), 1) * 100).rounded(.down)))%"
    }

    /// The bar's cells for `width` columns: full cells, then at most one partial cell.
    /// Non-finite fractions draw an empty bar rather than trapping on conversion.
    public static func cells(fraction: Double, width: Int, glyphs: GlyphSet) -> [String] {
        guard width > 0 else { return [] }
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        if !glyphs.isUnicode {
            let full = Int((f * Double(width)).rounded())
            return Array(repeating: "#", count: full) + Array(repeating: "-", count: width - full)
        }
        let eighths = Int((f * Double(width * 8)).rounded())
        var out = Array(repeating: glyphs.eighths[7], count: eighths / 8)
        if eighths % 8 > 0 { out.append(glyphs.eighths[eighths % 8 - 1]) }
        return out + Array(repeating: " ", count: width - out.count)
    }

    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        var barWidth = area.width
        if let label, !label.isEmpty {
            let labelWidth = CharWidth.width(of: label)
            if area.width >= labelWidth + 4 {
                barWidth = area.width - labelWidth - 1
                buffer.set(string: label, x: area.x + barWidth + 1, y: area.y, style: Style(fg: .foreground), clip: area)
            }
        }
        let cells = ProgressBar.cells(fraction: fraction, width: barWidth, glyphs: theme.glyphs)
        let style = Style(fg: .role(role), bg: .role(.surface))
        for (i, symbol) in cells.enumerated() {
            let track = symbol == " " || symbol == "-"
            buffer.set(string: symbol, x: area.x + i, y: area.y, style: track ? Style(fg: .muted, bg: .surface) : style)
        }
    }
}
