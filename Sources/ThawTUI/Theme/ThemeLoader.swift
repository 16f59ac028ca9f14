import Foundation

/// The outcome of loading a theme file: always a usable theme, plus what went wrong.
public struct ThemeLoadResult: Sendable {
    public var theme: Theme
    /// Set when the file could not be used and `Theme.default` was substituted; meant for
    /// the status line or the log, never fatal.
    public var warning: String?
}

extension Theme {
    /// Loads a theme file. Never fails: a missing, unreadable or invalid file yields the
    /// built-in default theme and a warning naming the file, line and fix, because an
    /// unreadable UI is worse than the wrong colours.
    public static func load(path: String, glyphs: GlyphSet = .unicode) -> ThemeLoadResult {
        do {
            return ThemeLoadResult(theme: try parseFile(path: path, glyphs: glyphs), warning: nil)
        } catch {
            return ThemeLoadResult(theme: Theme.default.withGlyphs(glyphs),
                                   warning: "\(error.description); using the default theme")
        }
    }

    /// Loads a theme file, throwing the first problem (for `thaw theme check`-style commands).
    public static func parseFile(path: String, glyphs: GlyphSet = .unicode) throws(ThemeError) -> Theme {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw ThemeError(file: path, line: 0, message: "cannot read the file") }
        guard size <= ThemeParser.maxBytes else {
            throw ThemeError(file: path, line: 0, message: "larger than \(ThemeParser.maxBytes / 1024) KiB; is this a theme file?")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw ThemeError(file: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: 0, message: "not UTF-8 text")
        }
        return try ThemeParser.parse(text, name: name, file: path, glyphs: glyphs)
    }

    /// Theme names (file names without `.theme`) in a directory, sorted.
    public static func available(in directory: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }.sorted()
    }
}
