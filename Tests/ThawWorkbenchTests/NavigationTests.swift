import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct NavigationTests {
    @Test func numberKeysOpenEveryScreen() {
        var state = Fixtures.state()
        for screen in Screen.allCases {
            let effects = Fixtures.key(&state, .char(Character("\(screen.rawValue)")))
            #expect(state.screen == screen)
            #expect(effects.isEmpty)
        }
    }

    @Test func tabCyclesPanelsAndWraps() {
        var state = Fixtures.state(.layers)
        #expect(state.focus == 0)
        _ = Fixtures.key(&state, .tab)
        #expect(state.focus == 1)
        _ = Fixtures.key(&state, .tab)
        #expect(state.focus == 0)
        _ = Fixtures.key(&state, .backTab)
        #expect(state.focus == 1)
        _ = Fixtures.key(&state, .char("2"))
        #expect(state.focus == 0, "a new screen starts on its first panel")
    }

    @Test func vimKeysAndArrowsMoveTheSame() {
        var vim = Fixtures.state(), arrows = Fixtures.state()
        _ = Fixtures.key(&vim, .char("j"))
        _ = Fixtures.key(&arrows, .down)
        #expect(vim.backbones.cursor == 2)
        #expect(vim == arrows)
        _ = Fixtures.key(&vim, .char("k"))
        _ = Fixtures.key(&arrows, .up)
        #expect(vim.backbones.cursor == 1)
        #expect(vim == arrows)
        _ = Fixtures.key(&vim, .char("G"))
        #expect(vim.backbones.cursor == Fixtures.zoo.count - 1)
        _ = Fixtures.key(&vim, .char("g"))
        #expect(vim.backbones.cursor == 0)
    }

    @Test func keymapsHaveNoConflictsAndGenerateHelp() {
        for screen in Screen.allCases {
            let keymap = Keymaps.keymap(for: screen)
            #expect(keymap.conflicts.isEmpty, "\(screen): \(keymap.conflicts)")
            for binding in keymap.bindings { #expect(Action(rawValue: binding.action) != nil, "\(binding.action)") }
            let help = keymap.helpLines().map(\.plainText).joined(separator: "\n")
            #expect(help.contains("Start/pause") && help.contains("Quit"))
            for action in Keymaps.barActions(for: screen) { #expect(keymap.binding(for: action.rawValue) != nil, "\(screen) \(action)") }
        }
        #expect(Keymaps.dialog.conflicts.isEmpty)
    }

    @Test func helpOverlayOpensAndAnyCloseKeyShutsIt() {
        var state = Fixtures.state()
        _ = Fixtures.key(&state, .char("?"))
        #expect(state.showHelp)
        _ = Fixtures.key(&state, .char("3"))
        #expect(state.showHelp && state.screen == .backbones, "keys do not leak through the overlay")
        _ = Fixtures.key(&state, .escape)
        #expect(!state.showHelp)
    }

    @Test func choosingABackboneSetsItAndDropsForeignFreezePaths() {
        var state = Fixtures.state()
        state.config.freeze.frozen = ["layer1", "conv1"]
        #expect(state.backbones.cursor == 1, "the cursor starts on the experiment's backbone")
        _ = Fixtures.key(&state, .char("k"), .enter)
        #expect(state.config.backbone.name == "smallcnn-mnist04")
        #expect(state.config.freeze.frozen.isEmpty, "ResNet paths mean nothing in the SmallCNN")
        #expect(state.status?.text.contains("10 target classes") == true)
        #expect(Fixtures.key(&state, .char("r")) == [.refreshZoo])
    }

    @Test func statusMessagesExpireButErrorsStay() {
        var state = Fixtures.state()
        Update.say(&state, "hello")
        _ = update(&state, .tick(3))
        #expect(state.status != nil)
        _ = update(&state, .tick(20))
        #expect(state.status == nil)
        Update.say(&state, "broken", .error)
        _ = update(&state, .tick(60))
        #expect(state.status?.text == "broken")
    }
}

@Suite struct SelectedBackboneTests {
    @Test func byNameOrByCardPath() {
        var state = Fixtures.state()
        #expect(state.selectedBackbone?.name == "resnet-cifar")
        state.config.backbone.name = nil
        state.config.backbone.path = "backbones/resnet-cifar.json"
        #expect(state.selectedBackbone?.name == "resnet-cifar")
        state.config.backbone.path = "elsewhere/other.json"
        #expect(state.selectedBackbone == nil)
        state.config.backbone.path = nil
        #expect(state.selectedBackbone == nil, "an MLP from scratch has no tree")
    }
}
