import Testing
@testable import ThawTUI

@Suite struct BufferTests {
    @Test func setWritesAndClipsToBuffer() {
        var b = Buffer(width: 5, height: 2)
        let end = b.set(string: "hello world", x: 2, y: 0)
        #expect(end == 5)
        #expect(b.render() == "  hel\n     ")
        b.set(string: "abc", x: -1, y: 1)
        #expect(b.row(text: 1) == "bc   ")
        b.set(string: "zzz", x: 0, y: 7)  // outside: no crash, no change
        #expect(b.row(text: 1) == "bc   ")
    }

    @Test func setClipsToRect() {
        var b = Buffer(width: 8, height: 1)
        b.set(string: "abcdefgh", x: 1, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        #expect(b.render() == "  bcd   ")  // "a" falls left of the clip
    }

    @Test func wideCharactersTakeTwoCells() {
        var b = Buffer(width: 6, height: 1)
        let end = b.set(string: "日本x", x: 0, y: 0)
        #expect(end == 5)
        #expect(b[0, 0].symbol == "日")
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].symbol == "本")
        #expect(b[4, 0].symbol == "x")
        #expect(b.render() == "日本x ")
    }

    @Test func wideCharacterAtClipEdgeBecomesSpace() {
        var b = Buffer(width: 3, height: 1)
        b.set(string: "a日", x: 1, y: 0)
        #expect(b.render() == " a ")
        #expect(!b.cells.contains { $0.isContinuation })
    }

    @Test func overwritingHalfAWideCharacterRepairsTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.set(string: "日本", x: 0, y: 0)
        b.set(string: "x", x: 1, y: 0)  // right half of 日
        #expect(b.render() == " x本")
        b.set(string: "y", x: 2, y: 0)  // left half of 本
        #expect(b.render() == " xy ")
        #expect(!b.cells.contains { $0.isContinuation })
    }

    @Test func combiningMarksStayWithTheirBase() {
        var b = Buffer(width: 4, height: 1)
        let end = b.set(string: "e\u{301}a", x: 0, y: 0)
        #expect(end == 2)
        #expect(b[0, 0].symbol == "e\u{301}")
    }

    @Test func controlCharactersAreNeutralised() {
        var b = Buffer(width: 6, height: 1)
        b.set(string: "a\tb\u{1B}c\n", x: 0, y: 0)
        #expect(b.render() == "a b?c ")
    }

    @Test func styleIsPatched() {
        var b = Buffer(width: 2, height: 1)
        b.fill(b.area, style: Style(bg: .surface))
        b.set(string: "x", x: 0, y: 0, style: Style(fg: .primary, flags: .bold))
        #expect(b[0, 0].fg == .role(.primary))
        #expect(b[0, 0].bg == .role(.surface))
        #expect(b[0, 0].flags == .bold)
        #expect(b[1, 0].fg == .role(.foreground))
    }

    @Test func diffReportsOnlyChangedRuns() {
        let a = Buffer(width: 6, height: 3)
        var b = a
        b.set(string: "ab", x: 1, y: 1)
        b.set(string: "z", x: 5, y: 2)
        let runs = b.diff(from: a)
        #expect(runs.map(\.x) == [1, 5])
        #expect(runs.map(\.y) == [1, 2])
        #expect(runs[0].cells.map(\.symbol) == ["a", "b"])
        #expect(a.diff(from: a).isEmpty)
    }

    @Test func diffIncludesBothHalvesOfAWideCharacter() {
        var a = Buffer(width: 4, height: 1)
        a.set(string: "日", x: 1, y: 0)
        var b = a
        b.setStyle(Style(flags: .bold), in: Rect(x: 2, y: 0, width: 1, height: 1))  // continuation only
        let runs = b.diff(from: a)
        #expect(runs.count == 1)
        #expect(runs[0].x == 1)
        #expect(runs[0].cells.count == 2)
    }

    @Test func diffAfterResizeIsFull() {
        let a = Buffer(width: 3, height: 2)
        let b = Buffer(width: 4, height: 2)
        #expect(b.diff(from: a).count == 2)
        var screen = Buffer(width: 4, height: 2, fill: Cell("?"))
        screen.apply(b.diff(from: a))
        #expect(screen == b)
    }

    @Test func applyingDiffReproducesTheFrame() {
        var old = Buffer(width: 10, height: 3)
        old.set(string: "abc日本", x: 0, y: 0)
        var new = old
        new.set(string: "x日", x: 2, y: 0)
        new.set(string: "hello", x: 3, y: 2, style: Style(fg: .error))
        var screen = old
        screen.apply(new.diff(from: old))
        #expect(screen == new)
    }

    @Test func styledRenderHasLegend() {
        var b = Buffer(width: 3, height: 1)
        b.set(string: "ok", x: 0, y: 0, style: Style(fg: .success, flags: .bold))
        #expect(b.renderStyled() == """
        ok 
        --- styles
        aab
        --- legend
        a = fg:success bg:background +bold
        b = fg:foreground bg:background
        """)
    }

    @Test func zeroSizedBufferIsSafe() {
        var b = Buffer(width: 0, height: 0)
        b.set(string: "x", x: 0, y: 0)
        b.fill(Rect(x: -3, y: -3, width: 10, height: 10))
        #expect(b.render() == "")
        #expect(b.diff(from: Buffer(width: 0, height: 0)).isEmpty)
        b.resize(to: Size(width: 2, height: 1))
        #expect(b.render() == "  ")
    }
}
