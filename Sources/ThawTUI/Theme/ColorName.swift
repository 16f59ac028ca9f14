/// Colour spellings accepted in theme files. Lower-case input expected.
enum ColorName {
    static func parse(_ word: String) -> Color? {
        if word == "default" || word == "none" { return .default }
        if word.hasPrefix("#") { return Color(hex: word) }
        for prefix in ["color", "colour"] where word.hasPrefix(prefix) {
            guard let n = Int(word.dropFirst(prefix.count)), (0...255).contains(n) else { return nil }
            return n < 16 ? .ansi(UInt8(n)) : .indexed(UInt8(n))
        }
        if word == "gray" || word == "grey" { return .ansi(8) }
        var name = Substring(word)
        var bright = false
        for prefix in ["bright-", "bright_", "bright"] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
            bright = true
            break
        }
        guard let i = Color.ansiNames.firstIndex(of: String(name)) else { return nil }
        return .ansi(UInt8(i + (bright ? 8 : 0)))
    }
}

/// "Did you mean" for misspelt keys.
enum Suggestion {
    /// The candidate with the smallest edit distance, if it is close enough to be a typo
    /// (at most a third of the word, and at least 2 edits allowed).
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        let scored = candidates.map { ($0, distance(lower, $0)) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, lower.count / 3) else { return nil }
        return best
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
