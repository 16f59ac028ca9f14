import Testing
import ThawTUI
import ThawTrainingAPI
@testable import ThawWorkbench

@Suite struct LayersTests {
    let tree = FreezeTree(layers: Fixtures.resNet.layers)

    @Test func treeNestsByPathAndCountsParameters() {
        #expect(tree.roots.map(\.path) == Fixtures.resNet.blocks)
        #expect(tree.node("layer1")?.children.map(\.path) == ["layer1.0", "layer1.1"])
        let all = tree.parameterCounts(FreezePlan())
        #expect(all == (388_938, 0))
        let frozen = tree.parameterCounts(FreezePlan(frozen: ["layer1"], batchNorm: .frozen))
        #expect(frozen.frozen == 147_968)
        // With frozen statistics the BatchNorm affine weights in layer1 (4 × 128) still train.
        let statistics = tree.parameterCounts(FreezePlan(frozen: ["layer1"], batchNorm: .frozenStatistics))
        #expect(statistics.frozen == 147_968 - 512)
    }

    @Test func thawingInsideAFrozenBlockSplitsIt() {
        let frozen = tree.thawing("layer1.0.conv2", in: ["layer1", "conv1"])
        #expect(Set(frozen) == ["conv1", "layer1.1", "layer1.0.conv1", "layer1.0.bn1", "layer1.0.bn2"])
        #expect(tree.status(of: "layer1.0.conv2", frozen: frozen) == .trainable)
        #expect(tree.status(of: "layer1", frozen: frozen) == .partlyFrozen)
        #expect(tree.freezing("layer1", in: frozen) == ["conv1", "layer1"], "freezing a parent absorbs its frozen children")
    }

    @Test func spaceTogglesTheSelectedPath() {
        var state = Fixtures.state(.layers)
        #expect(state.layers.selected == nil)
        _ = Fixtures.key(&state, .char(" "))
        #expect(state.config.freeze.frozen == ["conv1"])
        _ = Fixtures.key(&state, .char("j"), .char("j"), .char("j"), .enter, .char("j"), .char(" "))
        #expect(state.layers.selected == "layer1.0")
        #expect(state.config.freeze.frozen == ["conv1", "layer1.0"])
        _ = Fixtures.key(&state, .char(" "))
        #expect(state.config.freeze.frozen == ["conv1"])
        _ = Fixtures.key(&state, .char("h"))
        #expect(state.layers.selected == "layer1", "h on a closed node goes to its parent")
        _ = Fixtures.key(&state, .left)
        #expect(!state.layers.expanded.contains("layer1"))
    }

    @Test func freezeBelowFreezesTheInputSideWithParameters() {
        var state = Fixtures.state(.layers)
        state.layers.selected = "layer2"
        _ = Fixtures.key(&state, .char("b"))
        #expect(state.config.freeze.frozen == ["conv1", "bn1", "layer1"], "relu has no parameters and is left out")
        state.layers.selected = "conv1"
        _ = Fixtures.key(&state, .char("b"))
        #expect(state.config.freeze.frozen == ["conv1", "bn1", "layer1"], "nothing below the first block")
    }

    @Test func batchNormPolicyCycles() {
        var state = Fixtures.state(.layers)
        var seen: [BatchNormPolicy] = []
        for _ in 0..<3 {
            _ = Fixtures.key(&state, .char("n"))
            seen.append(state.config.freeze.batchNorm)
        }
        #expect(seen == [.frozen, .train, .frozenStatistics])
    }

    @Test func groupRatesStepAndTidyUp() {
        var state = Fixtures.state(.layers)
        state.layers.selected = "layer1.0.conv1"
        _ = Fixtures.key(&state, .char("-"))
        #expect(state.config.optimizer.groups == [GroupConfig(name: "layer1", paths: ["layer1"], lrScale: 0.5)])
        _ = Fixtures.key(&state, .char("-"))
        #expect(RateGroups.scale(for: "layer1.1", in: state.config.optimizer) == 0.2)
        _ = Fixtures.key(&state, .char("+"), .char("+"))
        #expect(state.config.optimizer.groups.isEmpty, "back at 1, the group goes away")
    }

    @Test func liveChangesBecomeCommandsWhileTraining() {
        var state = Fixtures.training(steps: 10)
        state.config.optimizer.groups = []
        state.screen = .layers
        state.layers.selected = "layer1"
        #expect(Fixtures.key(&state, .char(" ")) == [.send(.setFreezePlan(FreezePlan(frozen: ["layer1"])))])
        let effects = Fixtures.key(&state, .char("-"))
        #expect(effects.isEmpty, "layer1 had no group when the run started")
        #expect(state.status?.text.contains("next run") == true)
    }

    @Test func liveScaleForAGroupTheEngineKnows() {
        var state = Fixtures.state(.layers)
        state.config.optimizer.groups = [GroupConfig(name: "layer1", paths: ["layer1"], lrScale: 0.5)]
        _ = Fixtures.key(&state, .char("s"))
        _ = update(&state, .training(.state(.running)))
        state.screen = .layers
        state.layers.selected = "layer1"
        #expect(Fixtures.key(&state, .char("+")) == [.send(.setLearningRateScale(group: "layer1", scale: 1))])
    }

    @Test func planWarnings() {
        var config = Fixtures.config
        config.freeze.frozen = ["layer1", "layer1.0", "nosuch", "fc"]
        config.freeze.batchNorm = .train
        let problems = PlanWarnings.problems(config, tree: tree, heads: ["fc"])
        #expect(problems.contains { $0.contains("\"nosuch\" matches no layer") })
        #expect(problems.contains { $0.contains("\"layer1.0\" is inside \"layer1\"") })
        #expect(problems.contains { $0.contains("BN policy train") })
        #expect(problems.contains { $0.contains("head \"fc\" is frozen") })
        #expect(PlanWarnings.problems(Fixtures.config, tree: tree, heads: ["fc"]).isEmpty)
    }
}
