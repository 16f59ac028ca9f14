import ThawTUI

extension Buffer {
    /// Under the C locale the terminal can show only ASCII: text that came from data or
    /// from the training API ("learning rate ×0.5", a class name in Greek) is folded to
    /// ASCII here, once, instead of every view guarding every string. A wide character
    /// becomes one letter and a space (`put` blanks its right half) so columns stay put.
    mutating func foldToASCII() {
        for y in 0..<height {
            for x in 0..<width {
                var cell = self[x, y]
                guard !cell.isContinuation, !cell.symbol.unicodeScalars.allSatisfy(\.isASCII) else { continue }
                cell.symbol = Buffer.asciiStandIn(cell.symbol)
                put(cell, x: x, y: y)
            }
        }
    }

    static func asciiStandIn(_ symbol: String) -> String {
        switch symbol {
        case "×": "x"
        case "→", "⟶": ">"
        case "←": "<"
        case "…": "~"
        case "–", "—", "─": "-"
        case "≤": "<"
        case "≥": ">"
        case "·", "•": "*"
        case "μ", "µ": "u"
        default: "?"
        }
    }
}
