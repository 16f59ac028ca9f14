/// Every non-letter symbol the widgets draw, in two sets: Unicode (box drawing, braille,
/// block elements) and plain ASCII for the C/POSIX locale, where ncurses cannot output
/// multibyte characters and would print mojibake. The caller picks one from the locale
/// (`GlyphSet.forEnvironment`); widgets never test the locale themselves.
public struct GlyphSet: Hashable, Sendable {
    public struct Border: Hashable, Sendable {
        public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    }

    public var isUnicode: Bool
    public var border: Border
    public var focusedBorder: Border
    public var ellipsis: String
    /// Partial-cell fills for progress bars, from 1/8 to 8/8 of a cell.
    public var eighths: [String]
    /// Sparkline levels, lowest to highest.
    public var sparkLevels: [String]
    public var treeExpanded, treeCollapsed, treeLeaf: String
    public var treeBranch, treeLastBranch, treeVertical: String
    public var axisVertical, axisHorizontal, axisCorner, axisTickX, axisTickY: String
    public var marker: String
    public var legendSwatch: String
    public var scrollUp, scrollDown: String
    public var selectionMarker: String
    public var multiplication: String
    /// Braille canvas resolution: 2×4 dots per cell, or 1×1 with `plotDot` in ASCII.
    public var brailleEnabled: Bool
    public var plotDot: String
    public var arrowUp, arrowDown, arrowLeft, arrowRight, enter: String

    public static let unicode = GlyphSet(
        isUnicode: true,
        border: Border(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│"),
        focusedBorder: Border(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃"),
        ellipsis: "…",
        eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        treeExpanded: "▾", treeCollapsed: "▸", treeLeaf: "•",
        treeBranch: "├─", treeLastBranch: "└─", treeVertical: "│ ",
        axisVertical: "│", axisHorizontal: "─", axisCorner: "└", axisTickX: "┬", axisTickY: "┤",
        marker: "┊", legendSwatch: "━━", scrollUp: "▲", scrollDown: "▼", selectionMarker: "▶",
        multiplication: "×", brailleEnabled: true, plotDot: "•",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→", enter: "⏎")

    public static let ascii = GlyphSet(
        isUnicode: false,
        border: Border(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|"),
        focusedBorder: Border(topLeft: "#", topRight: "#", bottomLeft: "#", bottomRight: "#", horizontal: "=", vertical: "#"),
        ellipsis: "~",
        eighths: Array(repeating: "#", count: 8),
        sparkLevels: ["_", ".", "-", "~", "=", "+", "*", "#"],
        treeExpanded: "v", treeCollapsed: ">", treeLeaf: "*",
        treeBranch: "|-", treeLastBranch: "`-", treeVertical: "| ",
        axisVertical: "|", axisHorizontal: "-", axisCorner: "+", axisTickX: "+", axisTickY: "+",
        marker: ":", legendSwatch: "--", scrollUp: "^", scrollDown: "v", selectionMarker: ">",
        multiplication: "x", brailleEnabled: false, plotDot: "*",
        arrowUp: "Up", arrowDown: "Down", arrowLeft: "Left", arrowRight: "Right", enter: "Enter")

    /// Unicode when the locale's character set is UTF-8, judged the way setlocale does:
    /// the first of LC_ALL, LC_CTYPE, LANG that is set and non-empty wins.
    public static func forEnvironment(_ env: [String: String]) -> GlyphSet {
        isUTF8Locale(env) ? .unicode : .ascii
    }

    public static func isUTF8Locale(_ env: [String: String]) -> Bool {
        let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
