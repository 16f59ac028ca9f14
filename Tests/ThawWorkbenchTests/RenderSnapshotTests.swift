import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

/// Every screen at 80×24 and 120×40 from deterministic fake data, plus the too-small notice,
/// the help overlay, a dialog and the ASCII (C locale) glyphs.
@Suite struct RenderSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Each screen in a state that exercises it: a run in progress on the Train screen,
    /// cards on Warnings, an LR sweep on Schedule, a partly frozen tree on Layers, the zoo
    /// ranked by transferability on Backbones.
    static func populated(_ screen: Screen) -> AppState {
        var state = TransferFixtures.progressed(Fixtures.training(steps: 110), results: 2)
        _ = update(&state, .training(.diagnostic(Fixtures.negativeTransfer)))
        _ = update(&state, .training(.diagnostic(Fixtures.batchNormShift)))
        _ = update(&state, .training(.diagnostic(Fixtures.divergence)))
        state.warnings.unseen = 0
        state.schedule.finderCurve = Fixtures.learningRateCurve
        state.config.freeze.frozen = ["conv1", "bn1", "layer1.0"]
        state.layers.expanded = ["layer1", "layer2"]
        state.layers.selected = "layer1.0"
        state.config.optimizer.groups = [GroupConfig(name: "layer1", paths: ["layer1"], lrScale: 0.1)]
        state.runsUI.overlay = Fixtures.runs[0].directory
        state.status = nil
        state.screen = screen
        return state
    }

    @Test(arguments: Screen.allCases)
    func screens(_ screen: Screen) {
        for (w, h) in Self.sizes {
            let buffer = ThawWorkbenchTests.screen(Self.populated(screen), width: w, height: h)
            Snapshot.check(buffer.render(), named: "\(screen.title.lowercased())-\(w)x\(h)")
        }
    }

    @Test func idleScreensBeforeAnyRun() {
        for screen in [Screen.train, .warnings] {
            let buffer = ThawWorkbenchTests.screen(Fixtures.state(screen), width: 80, height: 24)
            Snapshot.check(buffer.render(), named: "\(screen.title.lowercased())-idle-80x24")
        }
        var empty = AppState(config: RunConfig(data: DataConfig(train: "")), size: Size(width: 80, height: 24))
        _ = update(&empty, .zooLoaded([], problems: []))
        Snapshot.check(ThawWorkbenchTests.screen(empty, width: 80, height: 24).render(), named: "backbones-empty-80x24")
    }

    @Test func styledBackbones() {
        Snapshot.check(ThawWorkbenchTests.screen(Self.populated(.backbones), width: 80, height: 24).renderStyled(),
                       named: "backbones-styled-80x24")
    }

    @Test func tooSmall() {
        for (w, h) in [(59, 24), (80, 17), (20, 5)] {
            let text = ThawWorkbenchTests.screen(Self.populated(.train), width: w, height: h).render()
            #expect(text.contains("60×18"), "\(w)×\(h)")
            Snapshot.check(text, named: "toosmall-\(w)x\(h)")
        }
        for w in 0...62 {
            for h in [0, 1, 2, 17, 18, 19] { _ = ThawWorkbenchTests.screen(Self.populated(.layers), width: w, height: h) }
        }
    }

    @Test func helpOverlayAndDialog() {
        for (w, h) in Self.sizes {
            var help = Self.populated(.layers)
            help.showHelp = true
            Snapshot.check(ThawWorkbenchTests.screen(help, width: w, height: h).render(), named: "help-layers-\(w)x\(h)")
        }
        var dialog = Self.populated(.train)
        _ = update(&dialog, .key(.char("q")))
        Snapshot.check(ThawWorkbenchTests.screen(dialog, width: 80, height: 24).render(), named: "dialog-quit-80x24")
    }

    @Test func editingField() {
        var state = Self.populated(.data)
        state.editing = .dataPath
        state.input = TextInputState("sample-data/digits/dig")
        Snapshot.check(ThawWorkbenchTests.screen(state, width: 80, height: 24).render(), named: "data-editing-80x24")
    }

    /// Under the C locale nothing but ASCII may reach the terminal (G14).
    @Test(arguments: [Screen.backbones, .train, .layers, .schedule, .warnings])
    func asciiGlyphs(_ screen: Screen) {
        let text = ThawWorkbenchTests.screen(Self.populated(screen), width: 80, height: 24, glyphs: .ascii).render()
        let nonASCII = text.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "\(screen) has non-ASCII text: \(String(String.UnicodeScalarView(nonASCII.prefix(10))))")
        Snapshot.check(text, named: "\(screen.title.lowercased())-ascii-80x24")
    }
}
