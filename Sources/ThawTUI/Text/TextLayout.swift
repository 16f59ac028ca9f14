/// Fitting text into columns: truncation with an ellipsis and greedy word wrapping.
/// Both work on display widths (wide characters count 2), never on `String.count`.
public enum TextLayout {
    /// Shortens `text` to at most `width` columns, ending in `ellipsis` when something was cut.
    /// When even the ellipsis does not fit, returns as much of the ellipsis as fits.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if CharWidth.width(of: text) <= width { return text }
        let ellipsisWidth = CharWidth.width(of: ellipsis)
        if ellipsisWidth >= width { return String(prefix(ellipsis, width: width)) }
        return prefix(text, width: width - ellipsisWidth) + ellipsis
    }

    /// The longest prefix of `text` whose width is ≤ `width`.
    public static func prefix(_ text: String, width: Int) -> String {
        var used = 0
        var out = ""
        for ch in text {
            let w = CharWidth.width(of: ch)
            if used + w > width { break }
            used += w
            out.append(ch)
        }
        return out
    }

    /// Truncates a styled line, keeping each span's style; the ellipsis takes the style of
    /// the span it replaces.
    public static func truncate(_ spans: [Span], to width: Int, ellipsis: String) -> [Span] {
        let total = spans.reduce(0) { $0 + $1.width }
        guard total > width else { return spans }
        guard width > 0 else { return [] }
        let budget = max(0, width - CharWidth.width(of: ellipsis))
        var out: [Span] = []
        var used = 0
        var lastStyle = spans.first?.style ?? .plain
        for span in spans {
            lastStyle = span.style
            let part = prefix(span.text, width: budget - used)
            if !part.isEmpty { out.append(Span(part, style: span.style)) }
            used += CharWidth.width(of: part)
            if used >= budget || part.count < span.text.count { break }
        }
        let room = width - used
        out.append(Span(prefix(ellipsis, width: room), style: lastStyle))
        return out
    }

    /// Greedy word wrap of styled spans into lines of at most `width` columns. Words longer
    /// than a line are broken; explicit newlines start new lines; leading spaces of wrapped
    /// lines are dropped.
    public static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        typealias Piece = (ch: Character, style: Style, width: Int)
        var lines: [[Piece]] = [[]]
        var lineWidth = 0
        var word: [Piece] = []
        var wordWidth = 0
        var softBreak = false  // the current line began because the previous one was full

        func newLine(soft: Bool) {
            lines.append([])
            lineWidth = 0
            softBreak = soft
        }

        func flushWord() {
            if wordWidth > width - lineWidth, lineWidth > 0 { newLine(soft: true) }
            for piece in word {
                if lineWidth + piece.width > width { newLine(soft: true) }
                lines[lines.count - 1].append(piece)
                lineWidth += piece.width
            }
            word = []
            wordWidth = 0
        }

        for span in spans {
            for ch in span.text {
                if ch == "\n" || ch == "\r\n" {
                    flushWord()
                    newLine(soft: false)
                    continue
                }
                let w = CharWidth.width(of: ch)
                if ch == " " {
                    flushWord()
                    if lineWidth >= width {
                        newLine(soft: true)
                    } else if lineWidth > 0 || !softBreak {
                        lines[lines.count - 1].append((ch, span.style, 1))
                        lineWidth += 1
                    }
                    continue
                }
                word.append((ch, span.style, w))
                wordWidth += w
            }
        }
        flushWord()
        return lines.map { line in
            var pieces = line
            while pieces.last?.ch == " " { pieces.removeLast() }
            return merge(pieces.map { ($0.ch, $0.style) })
        }
    }

    /// Joins consecutive characters of the same style back into spans.
    static func merge(_ pieces: [(Character, Style)]) -> [Span] {
        var out: [Span] = []
        for (ch, style) in pieces {
            if let last = out.last, last.style == style {
                out[out.count - 1].text.append(ch)
            } else {
                out.append(Span(String(ch), style: style))
            }
        }
        return out
    }
}
