import Foundation
import Testing
import ThawTrainingAPI
@testable import ThawTraining

/// `backbone.head_init: logme` on the bundled positive-transfer experiment (SmallCNN from the
/// digits 0–4, ten examples per class of the digits 5–9): before a single step the head
/// already reads the features as a fitted linear probe, where a random head guesses.
@Suite("LogME head initialisation")
struct LogMEHeadInitTests {
    static let experiment = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-data/experiments/transfer-digits59.yaml")

    func prepared(_ headInit: String) throws -> PreparedRun {
        try RunBuilder.prepare(try ExperimentFile.load(Self.experiment, overrides: [
            "backbone.head_init=\(headInit)", "diagnostics.scratch_baseline=false", "data.limit=3000",
        ]))
    }

    @Test func theFittedHeadPredictsBeforeAnyStep() throws {
        let random = try prepared("random")
        let fitted = try prepared("logme")
        #expect(random.headInit == nil)
        let outcome = try #require(fitted.headInit)
        let before = try random.trainer.evaluate(random.data.validation)
        let after = try fitted.trainer.evaluate(fitted.data.validation)
        #expect(before.accuracy < 0.4, "a random head guesses among 5 classes: \(before.accuracy)")
        #expect(after.accuracy > 0.7, "the fitted head reads the features: \(after.accuracy)")
        #expect(after.loss < before.loss)
        #expect(abs(after.accuracy - (outcome.validationAccuracy ?? -1)) < 1e-9, "the model holds exactly the fitted readout")
        #expect(outcome.examples == 50 && outcome.temperature > 1)
        #expect(outcome.summary.hasPrefix("LogME head: fitted on 50 training examples"))
    }

    @Test func aRunFromScratchHasNoFeaturesToFit() throws {
        #expect(throws: ConfigError.self) {
            try ExperimentFile.load(Self.experiment, overrides: ["backbone.head_init=logme", "backbone.scratch=true"])
        }
    }

    @Test func theTemperatureMinimisesTheCrossEntropy() {
        let logits: [[Double]] = [[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.2, 0.8], [0.4, 0.5, 0.1]]
        let labels = [0, 1, 1, 2, 0]
        func loss(_ s: Double) -> Double {
            zip(logits, labels).map { row, label in log(row.map { exp(s * $0) }.reduce(0, +)) - s * row[label] }.reduce(0, +)
        }
        let s = LogMEHeadInit.fittedTemperature(logits, labels: labels)
        #expect(loss(s) <= loss(s * 1.05) + 1e-12 && loss(s) <= loss(s / 1.05) + 1e-12)
        #expect(s > 0.01 && s < 1000)
    }
}
