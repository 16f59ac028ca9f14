import Testing
@testable import ThawTUI

@Suite struct TooSmallNoticeTests {
    @Test func everySizeFromZeroUp() {
        let need = Size(width: 80, height: 24)
        for w in 0...45 {
            for h in 0...5 {
                var buffer = Buffer(width: w, height: h)
                TooSmallNotice.render(into: &buffer, need: need, theme: .default)
                #expect(buffer.size == Size(width: w, height: h))
                let text = buffer.render()
                if w * h > 0 { #expect(text.contains("!") || text.contains("80×24"), "\(w)×\(h)") }
                if w >= 5, h >= 1 { #expect(text.contains("80×24"), "\(w)×\(h): \(text)") }
            }
        }
    }

    @Test func snapshots() {
        for (w, h) in [(1, 1), (6, 1), (12, 3), (40, 6), (20, 4)] {
            var buffer = Buffer(width: w, height: h)
            TooSmallNotice.render(into: &buffer, need: Size(width: 80, height: 24), theme: .default)
            Snapshot.check(buffer.render(), named: "toosmall-\(w)x\(h)")
        }
        var ascii = Buffer(width: 30, height: 3)
        TooSmallNotice.render(into: &ascii, need: Size(width: 80, height: 24), theme: Theme.default.withGlyphs(.ascii))
        #expect(ascii.render().contains("80x24"))
    }
}

@Suite struct BackendTests {
    @Test func presenterSendsOnlyDiffsAndRedrawsWhenNeeded() {
        let backend = TestBackend(size: Size(width: 10, height: 3))
        var presenter = FramePresenter()
        var frame = Buffer(size: backend.size)
        frame.set(string: "hello", x: 0, y: 0)
        presenter.present(frame, theme: .default, on: backend)
        #expect(presenter.lastRunCells == 30)  // first frame: everything
        #expect(backend.screen == frame)
        frame.set(string: "J", x: 0, y: 0)
        presenter.present(frame, theme: .default, on: backend)
        #expect(presenter.lastRunCells == 1)
        #expect(backend.screen.render().hasPrefix("Jello"))
        presenter.present(frame, theme: .default, on: backend)
        #expect(presenter.lastRunCells == 0)
        var light = Theme.default
        light.name = "other"
        presenter.present(frame, theme: light, on: backend)
        #expect(presenter.lastRunCells == 30)  // theme change: full redraw
        presenter.invalidate()
        presenter.present(frame, theme: light, on: backend)
        #expect(presenter.lastRunCells == 30)
    }

    @Test func scriptedKeysAndResize() {
        let backend = TestBackend(size: Size(width: 4, height: 2), keys: [.char("a")])
        #expect(backend.readKey(timeout: .zero) == .char("a"))
        #expect(backend.readKey(timeout: .zero) == nil)
        backend.resize(to: Size(width: 2, height: 1))
        #expect(backend.readKey(timeout: .zero) == .resize)
        #expect(backend.size == Size(width: 2, height: 1))
    }

    @Test func testBackendResolvesForItsDepth() {
        let backend = TestBackend(size: Size(width: 1, height: 1), colorDepth: .monochrome)
        var presenter = FramePresenter()
        var frame = Buffer(width: 1, height: 1)
        frame.set(string: "x", x: 0, y: 0, style: Style(bg: .selection))
        presenter.present(frame, theme: .default, on: backend)
        #expect(backend.resolvedStyles() == [ResolvedStyle(fg: .default, bg: .default, flags: .reverse)])
    }
}
