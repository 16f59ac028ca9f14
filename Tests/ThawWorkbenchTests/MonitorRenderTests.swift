import Testing
import ThawMonitor
import ThawTUI
@testable import ThawWorkbench

/// The monitor drawn on a cell buffer, compared with text snapshots under `__Snapshots__`:
/// the chart grid with runs overlaid at 80×24 and 120×40, the next page of a tag group, a
/// zoomed chart with smoothing and log y, the comparison panel, picking a baseline, the help
/// overlay, ASCII glyphs, no runs yet, and a terminal too small. `RECORD_SNAPSHOTS=1`
/// re-records them after a deliberate change.
@Suite struct MonitorRenderTests {
    typealias F = MonitorFixtures

    @Test func chartsAndRuns() {
        Snapshot.check(F.screen(F.state(), width: 80, height: 24).render(), named: "monitor-80x24")
        Snapshot.check(F.screen(F.state(), width: 120, height: 40).render(), named: "monitor-120x40")
    }

    /// The foreground of the first cell of `text` on the screen (the first match, reading order).
    static func colour(of text: String, in buffer: Buffer, before offset: Int = 0) -> Paint? {
        for y in 0..<buffer.height {
            let row = buffer.row(text: y)
            guard let range = row.range(of: text) else { continue }
            // Columns count cells; every glyph on these rows is one cell wide.
            let x = row.distance(from: row.startIndex, to: range.lowerBound) - offset
            return buffer[x, y].fg
        }
        return nil
    }

    /// Colours follow the run, not its place: each run's swatch and legend keep
    /// `chartSeries(id)`, and hiding run 0 does not recolour run 1.
    @Test func runsKeepTheirColoursWhenOthersAreHidden() {
        Snapshot.check(F.screen(F.state(), width: 80, height: 24).renderStyled(), named: "monitor-styled-80x24")
        var state = F.state(width: 120, height: 40)
        let before = F.screen(state, width: 120, height: 40)
        // "━━ resnet-scratc" in the lr chart's legend; "•   resnet-scratch" in the runs table.
        #expect(Self.colour(of: "━━ resnet-scratc", in: before) == .role(.chartSeries(1)))
        #expect(Self.colour(of: "━━ resnet-ft", in: before) == .role(.chartSeries(0)))
        #expect(Self.colour(of: "resnet-scratch", in: before, before: 4) == .role(.chartSeries(1)))
        _ = F.key(&state, .tab, .char(" "))
        #expect(state.hidden == [0])
        let after = F.screen(state, width: 120, height: 40)
        #expect(Self.colour(of: "━━ resnet-scratc", in: after) == .role(.chartSeries(1)))
        #expect(Self.colour(of: "━━ resnet-ft", in: after) == nil, "a hidden run leaves the legend")
        #expect(Self.colour(of: "resnet-scratch", in: after, before: 4) == .role(.chartSeries(1)))
        Snapshot.check(after.renderStyled(), named: "monitor-hidden-styled-120x40")
    }

    @Test func nextPageZoomSmoothingAndLogScale() {
        var state = F.state(width: 120, height: 40)
        _ = F.key(&state, .pageDown)
        Snapshot.check(F.screen(state, width: 120, height: 40).render(), named: "monitor-page2-120x40")
        _ = F.key(&state, .char("z"), .char("m"), .char("y"))
        #expect(state.zoomed && state.smoothing == 0.6 && state.logScale)
        Snapshot.check(F.screen(state, width: 120, height: 40).render(), named: "monitor-zoom-smooth-log-120x40")
    }

    @Test func comparisonPanel() {
        var state = F.state(width: 120, height: 40)
        // b on the scratch run (second in the list), then Enter on the fine-tuned one.
        _ = F.key(&state, .tab, .down, .char("b"))
        Snapshot.check(F.screen(state, width: 120, height: 40).render(), named: "monitor-picking-120x40")
        _ = F.key(&state, .up, .enter)
        #expect(state.baselines == [0: 1])
        Snapshot.check(F.screen(state, width: 120, height: 40).render(), named: "monitor-comparison-120x40")
        Snapshot.check(F.screen(state, width: 80, height: 24).render(), named: "monitor-comparison-80x24")
    }

    @Test func helpOverlayAndASCII() {
        var state = F.state()
        _ = F.key(&state, .char("?"))
        Snapshot.check(F.screen(state, width: 80, height: 24).render(), named: "monitor-help-80x24")
        Snapshot.check(F.screen(F.state(), width: 80, height: 24, glyphs: .ascii).render(), named: "monitor-ascii-80x24")
    }

    @Test func noRunsYetAndTooSmall() {
        let empty = MonitorState(roots: ["/logs", "metrics.jsonl"], size: Size(width: 80, height: 24))
        Snapshot.check(F.screen(empty, width: 80, height: 24).render(), named: "monitor-empty-80x24")
        Snapshot.check(F.screen(F.state(), width: 50, height: 12).render(), named: "monitor-too-small-50x12")
    }

    /// Every size from 1×1 up draws without trapping (the layout arithmetic clamps).
    @Test func anySizeIsSurvivable() {
        var state = F.state()
        _ = F.key(&state, .tab, .down, .char("b"), .up, .enter)
        for (width, height) in [(1, 1), (2, 80), (80, 2), (60, 16), (61, 17), (300, 100), (59, 40)] {
            _ = F.screen(state, width: width, height: height)
        }
    }
}
