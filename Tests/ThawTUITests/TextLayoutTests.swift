import Testing
@testable import ThawTUI

@Suite struct TextLayoutTests {
    @Test func charWidths() {
        #expect(CharWidth.width(of: "abc") == 3)
        #expect(CharWidth.width(of: "日本") == 4)
        #expect(CharWidth.width(of: "e\u{301}") == 1)
        #expect(CharWidth.width(of: "\u{301}" as Unicode.Scalar) == 0)
        #expect(CharWidth.width(of: "한") == 2)
        #expect(CharWidth.width(of: "🙂") == 2)
        #expect(CharWidth.width(of: "⣿") == 1)
        #expect(CharWidth.width(of: "━") == 1)
        #expect(CharWidth.width(of: "\u{1B}" as Unicode.Scalar) == 0)
    }

    @Test func truncateWithEllipsis() {
        #expect(TextLayout.truncate("hello world", to: 8) == "hello w…")
        #expect(TextLayout.truncate("hello", to: 5) == "hello")
        #expect(TextLayout.truncate("hello", to: 1) == "…")
        #expect(TextLayout.truncate("hello", to: 0) == "")
        #expect(TextLayout.truncate("日本語", to: 4) == "日…")
        #expect(TextLayout.truncate("hello", to: 4, ellipsis: "~") == "hel~")
    }

    @Test func wrapBreaksAtSpacesAndLongWords() {
        let rows = TextLayout.wrap([Span("the quick brown fox")], width: 10).map { $0.map(\.text).joined() }
        #expect(rows == ["the quick", "brown fox"])
        let long = TextLayout.wrap([Span("abcdefghij")], width: 4).map { $0.map(\.text).joined() }
        #expect(long == ["abcd", "efgh", "ij"])
        let newlines = TextLayout.wrap([Span("a\n\nb")], width: 4).map { $0.map(\.text).joined() }
        #expect(newlines == ["a", "", "b"])
        #expect(TextLayout.wrap([Span("x")], width: 0).isEmpty)
    }

    @Test func wrapKeepsSpanStyles() {
        let rows = TextLayout.wrap([Span("ab "), Span("cd", role: .error)], width: 3)
        #expect(rows.count == 2)
        #expect(rows[1] == [Span("cd", role: .error)])
    }
}
