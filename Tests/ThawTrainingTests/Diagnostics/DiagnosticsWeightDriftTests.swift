import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: weight drift detector")
struct DiagnosticsWeightDriftTests {
    let detector = WeightDriftDetector(layout: TransferLayout(backboneGroup: "backbone"))

    @Test func oneLayerDriftingFarMoreThanTheOthersWarns() throws {
        let layers = [
            LayerDrift(path: "layer1", distance: 0.3, initialNorm: 10),
            LayerDrift(path: "layer2", distance: 0.4, initialNorm: 10),
            LayerDrift(path: "layer3", distance: 2.5, initialNorm: 10),
            LayerDrift(path: "layer4", distance: 0.5, initialNorm: 10),
            LayerDrift(path: "fc", distance: 50, initialNorm: 1, isBackbone: false),
        ]
        #expect(detector.driftingLayers(layers).map(\.path) == ["layer3"])
        let report = try #require(detector.evaluate(step: 300, layers: layers).first)
        #expect(report.kind == .weightDrift && report.severity == .warning)
        #expect(report.actions == [.freeze(["layer3"]), .scaleLearningRate(group: "backbone", factor: 0.1)])
        #expect(report.evidence[0].value == 0.25)
    }

    @Test func uniformModerateDriftIsFine() {
        let layers = (1...4).map { LayerDrift(path: "layer\($0)", distance: 0.2 * Double($0), initialNorm: 10) }
        #expect(detector.evaluate(step: 1, layers: layers).isEmpty)
    }

    @Test func largeAbsoluteDriftWarnsEvenWhenAllDrift() {
        let layers = (1...3).map { LayerDrift(path: "layer\($0)", distance: 6, initialNorm: 10) }
        #expect(detector.driftingLayers(layers).count == 3)
    }

    @Test func frozenLayersHeadsAndZeroInitialisedLayersAreIgnored() {
        let layers = [
            LayerDrift(path: "layer1", distance: 9, initialNorm: 10, isTrainable: false),
            LayerDrift(path: "head", distance: 9, initialNorm: 1, isBackbone: false),
            LayerDrift(path: "adapter", distance: 3, initialNorm: 0),
            LayerDrift(path: "layer4", distance: 0.1, initialNorm: 10),
        ]
        #expect(detector.evaluate(step: 1, layers: layers).isEmpty)
    }
}
