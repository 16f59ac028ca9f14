import Foundation
import Testing
@testable import ThawTUI

@Suite struct ThemeParserTests {
    @Test func parsesColoursAttributesAndComments() throws {
        let theme = try ThemeParser.parse("""
        # comment
        name = "Test"
        background = "#102030"   # trailing comment
        foreground = #fff
        primary = "bright-blue" bold
        accent = color200
        selection = "default reverse"
        error = 'red' underline
        """, name: "file")
        #expect(theme.name == "Test")
        #expect(theme[.background] == ThemeEntry(.rgb(0x10, 0x20, 0x30)))
        #expect(theme[.foreground] == ThemeEntry(.rgb(255, 255, 255)))
        #expect(theme[.primary] == ThemeEntry(.ansi(12), flags: .bold))
        #expect(theme[.accent] == ThemeEntry(.indexed(200)))
        #expect(theme[.selection] == ThemeEntry(.default, flags: .reverse))
        #expect(theme[.error] == ThemeEntry(.red, flags: .underline))
    }

    @Test func unknownKeyNamesLineAndSuggests() {
        #expect(throws: ThemeError(line: 3, message: "unknown key \"backround\" (did you mean \"background\"?)")) {
            try ThemeParser.parse("# x\nforeground = white\nbackround = black\n", name: "t")
        }
        #expect(throws: ThemeError(line: 1, message: "unknown key \"chart_series_9\" (did you mean \"chart_series_1\"?)")) {
            try ThemeParser.parse("chart_series_9 = red", name: "t")
        }
        do {
            _ = try ThemeParser.parse("zzzzzz = red", name: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unknown key \"zzzzzz\"")
        }
    }

    @Test func badColourNamesLine() {
        for bad in ["\"#12345\"", "color256", "purple", "#ggg", "rgb(1,2,3)"] {
            do {
                _ = try ThemeParser.parse("background = black\nprimary = \(bad)\n", name: "t")
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.line == 2)
                #expect(error.message.contains("is not a colour"))
            }
        }
    }

    @Test func otherErrors() {
        let cases: [(String, Int, String)] = [
            ("primary", 1, "expected \"key = value\""),
            ("primary =", 1, "missing value"),
            ("primary = \"blue", 1, "unterminated quote"),
            ("primary = blue\nprimary = red", 2, "already set on line 1"),
            ("primary = blue sparkly", 1, "not an attribute"),
            (String(repeating: "#\n", count: 40_000), 0, "larger than"),
        ]
        for (text, line, fragment) in cases {
            do {
                _ = try ThemeParser.parse(text, name: "t", file: "x.theme")
                Issue.record("accepted \(text.prefix(30))")
            } catch {
                #expect(error.line == line)
                #expect(error.message.contains(fragment), "\(error)")
                #expect(error.description.hasPrefix("x.theme: "))
            }
        }
    }

    @Test func missingShadesAreDerived() throws {
        let theme = try ThemeParser.parse("background = \"#000000\"\nforeground = \"#ffffff\"\n", name: "t")
        #expect(theme[.surface].color == .rgb(18, 18, 18))      // 7% towards the foreground
        #expect(theme[.muted].color == .rgb(115, 115, 115))     // half-way-ish
        #expect(theme[.borderFocused].flags == .bold)
        #expect(theme[.gradientHigh].color == theme[.error].color)
        #expect(ThemeRole.allCases.allSatisfy { theme.entries[$0] != nil })
        let ansi = try ThemeParser.parse("foreground = white", name: "t")
        #expect(ansi[.muted] == ThemeEntry(.white, flags: .dim))
        let none = try ThemeParser.parse("", name: "t")
        #expect(none[.selection].flags == .reverse)
        #expect(none[.muted].flags == .dim)
    }

    @Test func shippedThemesParse() throws {
        let names = Theme.available(in: themesDirectory)
        #expect(names.count >= 4)
        #expect(Set(["default", "light", "mono", "high-contrast"]).isSubset(of: Set(names)))
        for name in names {
            let theme = try Theme.parseFile(path: "\(themesDirectory)/\(name).theme")
            // Every role set explicitly: shipped themes document the whole palette.
            let text = try String(contentsOfFile: "\(themesDirectory)/\(name).theme", encoding: .utf8)
            for role in ThemeRole.allCases { #expect(text.contains("\n\(role.rawValue) "), "\(name) lacks \(role)") }
            #expect(!theme.name.isEmpty)
        }
    }

    @Test func builtInDefaultMatchesDefaultThemeFile() throws {
        let file = try Theme.parseFile(path: "\(themesDirectory)/default.theme")
        #expect(file.entries == Theme.default.entries)
    }

    @Test func monoThemeUsesNoColour() throws {
        let mono = try Theme.parseFile(path: "\(themesDirectory)/mono.theme")
        #expect(mono.entries.values.allSatisfy { $0.color == .default })
        #expect(mono[.selection].flags.contains(.reverse))
    }

    @Test func brokenFileFallsBackToDefaultWithWarning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-theme-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.theme")
        try "background = black\nforground = white\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = Theme.load(path: broken.path)
        #expect(result.theme.entries == Theme.default.entries)
        #expect(result.warning?.contains("line 2") == true)
        #expect(result.warning?.contains("did you mean \"foreground\"") == true)
        let binary = dir.appendingPathComponent("bin.theme")
        try Data([0xff, 0xfe, 0x00]).write(to: binary)
        #expect(Theme.load(path: binary.path).warning?.contains("not UTF-8") == true)
        #expect(Theme.load(path: dir.appendingPathComponent("none.theme").path).warning?.contains("cannot read") == true)
    }

    @Test func gradientInterpolates() {
        let t = Theme.default
        #expect(t.gradient(0) == t[.gradientLow].color)
        #expect(t.gradient(1) == t[.gradientHigh].color)
        #expect(t.gradient(.nan) == t[.gradientLow].color)
    }
}

@Suite struct ColorMappingTests {
    @Test func rgbToNearest256() {
        #expect(ColorMapping.map(.rgb(255, 0, 0), to: .indexed256) == .indexed(196))
        #expect(ColorMapping.map(.rgb(0, 0, 0), to: .indexed256) == .indexed(16))
        #expect(ColorMapping.map(.rgb(128, 128, 128), to: .indexed256) == .indexed(244))
        #expect(ColorMapping.map(.rgb(0x1b, 0x1e, 0x28), to: .indexed256) == .indexed(234))
        #expect(ColorMapping.map(.rgb(95, 135, 175), to: .indexed256) == .indexed(67))  // exact cube entry
    }

    @Test func rgbToNearest8ByPerception() {
        #expect(ColorMapping.map(.rgb(200, 30, 30), to: .ansi8) == .red)
        #expect(ColorMapping.map(.rgb(20, 20, 120), to: .ansi8) == .blue)
        #expect(ColorMapping.map(.rgb(0x1b, 0x1e, 0x28), to: .ansi8) == .black)
        #expect(ColorMapping.map(.rgb(0xd8, 0xde, 0xe9), to: .ansi8) == .white)
        #expect(ColorMapping.map(.rgb(0x8b, 0xd4, 0x7c), to: .ansi8) == .green)  // pastel: hue, not chroma
        #expect(ColorMapping.map(.rgb(0x6c, 0xb6, 0xff), to: .ansi8) == .blue)
        #expect(ColorMapping.map(.rgb(0xc7, 0x92, 0xea), to: .ansi8) == .magenta)
        #expect(ColorMapping.map(.rgb(0x5f, 0xd7, 0xd7), to: .ansi8) == .cyan)
        #expect(ColorMapping.map(.rgb(0xf2, 0xc1, 0x4e), to: .ansi8) == .yellow)
        #expect(ColorMapping.map(.rgb(0xfa, 0xfa, 0xf7), to: .ansi16) == .ansi(15))
        #expect(ColorMapping.map(.rgb(0x7a, 0x84, 0x9a), to: .ansi16) == .ansi(8))
        #expect(ColorMapping.map(.ansi(12), to: .ansi8) == .blue)
        #expect(ColorMapping.map(.indexed(196), to: .ansi16) == .ansi(9))
    }

    @Test func monochromeAndDefault() {
        for depth in ColorDepth.allCases { #expect(ColorMapping.map(.default, to: depth) == .default) }
        #expect(ColorMapping.map(.rgb(1, 2, 3), to: .monochrome) == .default)
        #expect(ColorMapping.map(.indexed(200), to: .indexed256) == .indexed(200))
        #expect(ColorMapping.map(.rgb(1, 2, 3), to: .trueColor) == .rgb(1, 2, 3))
    }

    @Test func depthFromCursesColourCount() {
        #expect(ColorDepth(colorCount: 256) == .indexed256)
        #expect(ColorDepth(colorCount: 8) == .ansi8)
        #expect(ColorDepth(colorCount: 16) == .ansi16)
        #expect(ColorDepth(colorCount: 0) == .monochrome)
        #expect(ColorDepth(colorCount: 256, hasColors: false) == .monochrome)
        #expect(ColorDepth(colorCount: 1 << 24) == .trueColor)
    }

    @Test func resolverAddsAttributesOnMonochrome() {
        var resolver = StyleResolver(theme: .default, depth: .monochrome)
        let selected = resolver.resolve(Cell("x", fg: .role(.selectionText), bg: .role(.selection)))
        #expect(selected == ResolvedStyle(fg: .default, bg: .default, flags: .reverse))
        let muted = resolver.resolve(Cell("x", fg: .role(.muted)))
        #expect(muted.flags.contains(.dim))
        var colour = StyleResolver(theme: .default, depth: .indexed256)
        let plain = colour.resolve(Cell("x"))
        #expect(plain.fg == .indexed(ColorMapping.nearest256(RGB(0xd8, 0xde, 0xe9))))
        #expect(plain.flags == [])
        #expect(colour.resolve(Cell("x", fg: .role(.title))).flags == .bold)  // theme attribute
    }

    @Test func resolverKeepsTextReadableWhenColoursCollapse() {
        // On 8 colours both the background and the border map to black.
        var resolver = StyleResolver(theme: .default, depth: .ansi8)
        let style = resolver.resolve(Cell("─", fg: .role(.border), bg: .role(.background)))
        #expect(style.fg != style.bg)
    }
}
