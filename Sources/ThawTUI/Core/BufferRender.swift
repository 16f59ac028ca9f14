extension Buffer {
    /// The buffer as plain text, one line per row, continuation cells omitted: the form
    /// snapshot tests compare when only the layout matters.
    public func render() -> String {
        (0..<height).map { row(text: $0) }.joined(separator: "\n")
    }

    public func row(text y: Int) -> String {
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].symbol }
        return line
    }

    /// Text, then a parallel grid with one style code per cell, then a legend of the codes.
    /// Codes are handed out in order of first appearance (reading order), so the dump is
    /// deterministic and a colour change shows up as a one-letter diff in the snapshot.
    public func renderStyled() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var codes: [StyleKey: Character] = [:]
        var legend: [String] = []
        var styleRows: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let key = StyleKey(self[x, y])
                if codes[key] == nil {
                    let code = codes.count < alphabet.count ? alphabet[codes.count] : "?"
                    codes[key] = code
                    legend.append("\(code) = \(key.description)")
                }
                line.append(codes[key]!)
            }
            styleRows.append(line)
        }
        return ([render(), "--- styles"] + styleRows + ["--- legend"] + legend).joined(separator: "\n")
    }
}

/// The style part of a cell, as shown in a styled dump's legend.
struct StyleKey: Hashable, CustomStringConvertible {
    let fg: Paint, bg: Paint, flags: StyleFlags

    init(_ cell: Cell) {
        fg = cell.fg
        bg = cell.bg
        flags = cell.flags
    }

    var description: String {
        let extra = flags.names.map { " +" + $0 }.joined()
        return "fg:\(fg.code) bg:\(bg.code)\(extra)"
    }
}
