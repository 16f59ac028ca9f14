import Foundation
import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: feature distortion detector")
struct DiagnosticsFeatureDistortionTests {
    typealias Data = DiagnosticsSyntheticData
    let detector = FeatureDistortionDetector()

    @Test func distortedFeaturesUnderAYoungHeadSuggestLPFT() throws {
        let (initial, _) = Data.clusters(count: 64, dimension: 8, classes: 4, separation: 1, seed: 1)
        let (unrelated, _) = Data.clusters(count: 64, dimension: 8, classes: 4, separation: 1, seed: 2)
        let layer = try LayerSimilarity(path: "layer4", initial: initial, current: unrelated)
        #expect(layer.cka < 0.8)
        let report = try #require(detector.evaluate(step: 120, headAge: 120, layers: [layer, LayerSimilarity(path: "layer3", cka: 0.95)]).first)
        #expect(report.kind == .featureDistortion && report.severity == .warning)
        #expect(report.actions.first == .linearProbeFirst)
        #expect(report.evidence.contains { $0.detail == "layer4" } && !report.evidence.contains { $0.detail == "layer3" })
    }

    @Test func rescaledFeaturesAreNotDistorted() throws {
        let (initial, _) = Data.clusters(count: 64, dimension: 8, classes: 4, separation: 1, seed: 1)
        let scaled = try FeatureMatrix(rows: 64, columns: 8, values: initial.values.map { 5 * $0 + 1 })
        let layer = try LayerSimilarity(path: "layer4", initial: initial, current: scaled)
        #expect(abs(layer.cka - 1) < 1e-12)
        #expect(detector.evaluate(step: 10, headAge: 10, layers: [layer]).isEmpty)
    }

    @Test func anOldHeadIsNotTheCause() {
        #expect(detector.evaluate(step: 5000, headAge: 5000, layers: [LayerSimilarity(path: "layer4", cka: 0.3)]).isEmpty)
    }
}
