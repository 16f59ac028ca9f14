/// A theme file problem, located by line so the user can fix it in an editor.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    /// 1-based line number; 0 for whole-file problems (size, encoding, unreadable).
    public var line: Int
    public var message: String

    public init(file: String? = nil, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        let location = line > 0 ? "line \(line)" : "file"
        return (file.map { "\($0): " } ?? "") + "\(location): \(message)"
    }
}

/// Reads the `key = value` theme format (btop-like):
///
///     # comment
///     name       = "Thaw Dark"
///     background = "#1b1e28"
///     selection  = "default reverse"   # a colour, then optional attributes
///
/// Strict on purpose: a typo in a key would otherwise silently leave a role at its derived
/// value and the user would never learn why their colour did not apply.
public enum ThemeParser {
    /// Files above this are refused before parsing (a theme is a few hundred bytes).
    public static let maxBytes = 64 * 1024

    public static func parse(_ text: String, name: String, file: String? = nil,
                             glyphs: GlyphSet = .unicode) throws(ThemeError) -> Theme {
        func fail(_ line: Int, _ message: String) -> ThemeError { ThemeError(file: file, line: line, message: message) }
        guard text.utf8.count <= maxBytes else { throw fail(0, "larger than \(maxBytes / 1024) KiB; is this a theme file?") }
        var entries: [ThemeRole: ThemeEntry] = [:]
        var seen: [String: Int] = [:]
        var themeName = name
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = index + 1
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else { throw fail(lineNo, "expected \"key = value\", found \"\(line)\"") }
            let key = String(line[..<eq]).trimmingCharacters(in: " \t")
            guard !key.isEmpty else { throw fail(lineNo, "missing key before \"=\"") }
            let tokens = try tokenize(String(line[line.index(after: eq)...]), line: lineNo, file: file)
            guard !tokens.isEmpty else { throw fail(lineNo, "missing value for \"\(key)\"") }
            if let first = seen[key] { throw fail(lineNo, "\"\(key)\" is already set on line \(first)") }
            seen[key] = lineNo
            if key == "name" {
                themeName = tokens.joined(separator: " ")
                continue
            }
            guard let role = ThemeRole(rawValue: key) else {
                let known = ["name"] + ThemeRole.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: key, among: known).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw fail(lineNo, "unknown key \"\(key)\"\(hint)")
            }
            entries[role] = try entry(from: tokens, line: lineNo, file: file)
        }
        return Theme(name: themeName, entries: entries, glyphs: glyphs)
    }

    /// One colour optionally followed by attributes; attributes alone mean the default colour.
    static func entry(from tokens: [String], line: Int, file: String?) throws(ThemeError) -> ThemeEntry {
        var color: Color? = nil
        var flags: StyleFlags = []
        for (i, token) in tokens.enumerated() {
            let word = token.lowercased()
            if let flag = StyleFlags.named.first(where: { $0.0 == word })?.1 {
                flags.insert(flag)
            } else if i == 0, let c = ColorName.parse(word) {
                color = c
            } else if i == 0 {
                throw ThemeError(file: file, line: line, message: "\"\(token)\" is not a colour; use \"#rrggbb\", "
                    + "\"#rgb\", \"colorN\" (0–255), a name such as \"blue\" or \"bright-blue\", or \"default\"")
            } else {
                let names = StyleFlags.named.map(\.0).joined(separator: ", ")
                throw ThemeError(file: file, line: line, message: "\"\(token)\" is not an attribute; use \(names)")
            }
        }
        return ThemeEntry(color ?? .default, flags: flags)
    }

    /// Splits a value into quoted strings and bare words. `#` starts a comment only after
    /// the first token, so an unquoted `#1e1e2e` is still a colour.
    static func tokenize(_ text: String, line: Int, file: String?) throws(ThemeError) -> [String] {
        var tokens: [String] = []
        var chars = Substring(text)
        while let c = chars.first {
            if c == " " || c == "\t" || c == "\r" { chars = chars.dropFirst(); continue }
            if c == "#" && !tokens.isEmpty { break }
            if c == "\"" || c == "'" {
                let rest = chars.dropFirst()
                guard let close = rest.firstIndex(of: c) else {
                    throw ThemeError(file: file, line: line, message: "unterminated quote")
                }
                tokens += rest[..<close].split(separator: " ").map(String.init)
                chars = rest[rest.index(after: close)...]
            } else {
                let end = chars.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? chars.endIndex
                tokens.append(String(chars[..<end]))
                chars = chars[end...]
            }
        }
        return tokens
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
