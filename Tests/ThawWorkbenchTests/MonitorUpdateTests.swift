import Testing
import ThawMonitor
import ThawTUI
@testable import ThawWorkbench

/// `MonitorApp.update` as message sequences: runs arriving and changing, the keys, pairing a
/// run with its scratch baseline (by keys and by `--baseline` names), and the effects asked
/// of the run loop. Pure, so no terminal and no files.
@Suite struct MonitorUpdateTests {
    typealias F = MonitorFixtures

    static func changes(_ runs: RunSnapshot...) -> MonitorMsg { .changes(MonitorChanges(runs: runs)) }

    static func text(_ state: MonitorState, width: Int = 120, height: Int = 40) -> String {
        F.screen(state, width: width, height: height).render()
    }

    @Test func runsArriveInIdOrderAndNewDataMarksThemLive() {
        var state = MonitorState(roots: ["/logs"], size: Size(width: 120, height: 40))
        _ = MonitorApp.update(&state, Self.changes(F.scratch))
        _ = MonitorApp.update(&state, .tick(1))
        _ = MonitorApp.update(&state, Self.changes(F.fineTuned, F.keras))
        #expect(state.runs.map(\.id) == [0, 1, 2])
        #expect(state.activity(state.runs[0]).label == "live")
        #expect(state.activity(state.runs[2]).label == "wait", "a half-written record is waiting")
        _ = MonitorApp.update(&state, .tick(30))
        #expect(state.activity(state.runs[0]).label == "")
        // A new point for the scratch run: live again, and drawn in its chart.
        var grown = F.scratch
        grown.data.append(tag: "val/accuracy", step: 320, value: 0.97)
        _ = MonitorApp.update(&state, Self.changes(grown))
        #expect(state.activity(state.runs[1]).label == "live")
        #expect(state.runs[1].data.tags["val/accuracy"]?.last?.value == 0.97)
    }

    @Test func theChartCursorStaysOnATagWhenRunsChange() {
        var state = F.state(width: 120, height: 40)
        _ = F.key(&state, .char("G"))
        #expect(state.chartCursor == state.tags.count - 1)
        #expect(state.currentPage(state.tags)?.index == state.pages(state.tags).count - 1)
        _ = F.key(&state, .char("h"))
        #expect(state.chartCursor == state.tags.count - 2)
        _ = F.key(&state, .char("g"), .pageDown)
        #expect(state.tags[state.chartCursor] == "train/loss", "PgDn goes to the next group's page")
        _ = F.key(&state, .pageUp)
        #expect(state.chartCursor == 0)
    }

    @Test func keysForTheCharts() {
        var state = F.state()
        var seen: [Double] = []
        for _ in 0..<4 {
            _ = F.key(&state, .char("m"))
            seen.append(state.smoothing)
        }
        #expect(seen == [0.6, 0.9, 0.99, 0])
        _ = F.key(&state, .char("y"))
        #expect(state.logScale && state.status?.text.hasPrefix("log y axis") == true)
        _ = F.key(&state, .enter)
        #expect(state.zoomed)
        _ = F.key(&state, .escape)
        #expect(!state.zoomed)
    }

    @Test func effectsExportRescanAndQuit() {
        var state = F.state()
        _ = F.key(&state, .tab, .char(" "))
        #expect(F.key(&state, .char("e")) == [.export(Array(F.runs.dropFirst()))], "hidden runs are not exported")
        #expect(F.key(&state, .char("r")) == [.rescan])
        #expect(F.key(&state, .char("q")) == [.quit])
        _ = MonitorApp.update(&state, .exported(path: "/tmp/x.csv"))
        #expect(state.status == StatusMessage("exported to /tmp/x.csv", level: .success))
        _ = MonitorApp.update(&state, .tick(70))
        #expect(state.status == nil, "an info or success message goes after 8 s")
        _ = MonitorApp.update(&state, .failed("export failed: disk full"))
        _ = MonitorApp.update(&state, .tick(100))
        #expect(state.status?.level == .error, "errors stay until replaced")
    }

    @Test func helpTakesTheKeysUntilClosed() {
        var state = F.state()
        _ = F.key(&state, .char("?"))
        #expect(state.showHelp)
        #expect(F.key(&state, .char("m")).isEmpty && state.smoothing == 0)
        _ = F.key(&state, .char("q"))
        #expect(!state.showHelp, "q closes the overlay rather than quitting")
        #expect(F.key(&state, .char("q")) == [.quit])
    }

    @Test func pairingWithKeysAndUnpairing() {
        var state = F.state()
        _ = F.key(&state, .char("b"))
        #expect(state.pickingScratch == 0 && state.focus == .runs)
        _ = F.key(&state, .escape)
        #expect(state.pickingScratch == nil && state.baselines.isEmpty)
        _ = F.key(&state, .char("b"), .enter)
        #expect(state.baselines.isEmpty && state.status?.text == "a run cannot be its own baseline")
        // Scratch first, then the pretrained run.
        _ = F.key(&state, .down, .char("b"), .up, .char("b"))
        #expect(state.baselines == [0: 1])
        #expect(Self.text(state).contains("mean gap of the last 3 matched steps: 0.05847, pretrained ahead"))
        // `c` steps through the shared tags, most telling first.
        #expect(state.comparison?.tag == "val/accuracy")
        _ = F.key(&state, .char("c"))
        #expect(state.comparison?.tag == "val/loss")
        _ = F.key(&state, .char("b"))
        #expect(state.baselines.isEmpty && state.status?.text == "comparison removed")
    }

    /// The reverse pairing shows the scratch run ahead: negative transfer, in the panel.
    @Test func negativeTransferIsShown() {
        var state = F.state()
        _ = F.key(&state, .tab, .char("b"), .down, .enter)
        #expect(state.baselines == [1: 0])
        let screen = Self.text(state)
        #expect(screen.contains("val/accuracy (higher is better): resnet-scratch vs scratch resnet-ft"), "\(screen)")
        #expect(screen.contains("pretrained behind scratch:") && screen.contains("possible negative transfer"), "\(screen)")
    }

    @Test func baselinesNamedOnTheCommandLineWaitForBothRuns() {
        var state = MonitorState(roots: ["/logs"], baselines: [.init(pretrained: "resnet-ft", scratch: "resnet-scratch")])
        _ = MonitorApp.update(&state, Self.changes(F.fineTuned))
        #expect(state.baselines.isEmpty && state.pendingBaselines.count == 1)
        _ = MonitorApp.update(&state, Self.changes(F.scratch))
        #expect(state.baselines == [0: 1] && state.pendingBaselines.isEmpty)
        #expect(state.comparison?.verdict == .pretrainedBetter)
    }

    @Test func unreadableFilesAndRootProblemsReachTheStatusLine() {
        var state = MonitorState(roots: ["/nope"], size: Size(width: 80, height: 24))
        _ = MonitorApp.update(&state, .changes(MonitorChanges(runs: [], rootProblems: ["/nope: no such file or directory"])))
        #expect(Self.text(state, width: 80, height: 24).contains("/nope: no such file or directory"))
        _ = MonitorApp.update(&state, .changes(MonitorChanges(runs: [F.broken], rootProblems: [])))
        #expect(Self.text(state, width: 80, height: 24).contains("/logs/old/metrics.jsonl: cannot open: Permission denied"))
        #expect(state.activity(state.runs[0]).label == "error")
    }
}
