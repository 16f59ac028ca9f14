import Foundation
import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Experiment files")
struct ExperimentFileTests {
    let minimal = """
    # digits from scratch
    name: digits
    data:
      train: digits.csv
      shape: [1, 8, 8]
      scale: 16
    optimizer:
      kind: sgd
      lr: 0.05
    """

    func error(_ text: String, overrides: [String] = []) -> String {
        do {
            _ = try ExperimentFile.parse(text, file: "exp.yaml", overrides: overrides)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test func minimalFileGetsDefaults() throws {
        let experiment = try ExperimentFile.parse(minimal, file: "exp.yaml")
        #expect(experiment.config.name == "digits" && experiment.config.data.shape == [1, 8, 8])
        #expect(experiment.config.optimizer.kind == .sgd && experiment.config.optimizer.lr == 0.05)
        #expect(experiment.config.training.epochs == 5 && experiment.config.data.split.test == 0.2)
    }

    @Test func unknownKeyGivesLineAndSuggestion() {
        #expect(error(minimal + "\n  momentun: 0.1") == #"exp.yaml:10: optimizer.momentun: unknown key; did you mean "momentum"?"#)
        #expect(error(minimal + "\ntrainig:\n  epochs: 3") == #"exp.yaml:10: trainig: unknown key; did you mean "training"?"#)
    }

    @Test func wrongTypeNamesTheKey() {
        #expect(error(minimal.replacingOccurrences(of: "lr: 0.05", with: "lr: fast")) == "exp.yaml:9: optimizer.lr: expected a number")
    }

    @Test func duplicateKeyIsRefused() {
        #expect(error(minimal + "\n  lr: 0.1").hasPrefix("exp.yaml:"))
        #expect(error(minimal + "\n  lr: 0.1").contains(#"duplicate key "lr"; keep one"#))
    }

    @Test(arguments: [("lr: 0", "optimizer.lr: must be a positive number, got 0.0"),
                      ("lr: -1", "optimizer.lr: must be a positive number, got -1.0"),
                      ("lr: .nan", "optimizer.lr: expected a number")])
    func badLearningRates(_ value: String, _ message: String) {
        #expect(error(minimal.replacingOccurrences(of: "lr: 0.05", with: value)) == "exp.yaml:9: \(message)")
    }

    @Test func overridesApplyAndAreChecked() throws {
        let experiment = try ExperimentFile.parse(minimal, file: "exp.yaml", overrides: ["optimizer.lr=0.2", "training.epochs=2"])
        #expect(experiment.config.optimizer.lr == 0.2 && experiment.config.training.epochs == 2)
        #expect(error(minimal, overrides: ["training.epochs=0"]) == "exp.yaml: training.epochs: must be at least 1")
        #expect(error(minimal, overrides: ["optimizer.lr"]).contains("--set needs key=value"))
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(error("data: \(deep)").contains("nested deeper than 64 levels"))
    }

    @Test func aliasBombFailsFast() {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (name, previous) in zip("bcdefghij", "abcdefghi") {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = Date()
        #expect(error(bomb).contains("are YAML aliases expanding?"))
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func invalidYAMLGivesTheLine() {
        #expect(error("data:\n  train: [unclosed\n").hasPrefix("exp.yaml:"))
        #expect(error("").contains("empty"))
    }

    @Test func canonicalJSONIsStableAndDiffable() throws {
        let a = try ExperimentFile.parse(minimal, file: "a.yaml"), b = try ExperimentFile.parse(minimal, file: "b.yaml")
        #expect(a.canonicalJSON == b.canonicalJSON)
        let c = try ExperimentFile.parse(minimal, file: "c.yaml", overrides: ["optimizer.lr=0.1"])
        #expect(ConfigurationDiff.differences(saved: a.canonicalJSON, current: c.canonicalJSON) == ["optimizer.lr: 0.05 → 0.1"])
    }

    @Test func recalibrateBatchNormKey() throws {
        let on = try ExperimentFile.parse(minimal + "\nfreeze:\n  recalibrate_batch_norm: true", file: "exp.yaml")
        #expect(on.config.freeze.recalibrateBatchNorm && on.canonicalJSON.contains(#""recalibrate_batch_norm":true"#))
        let off = try ExperimentFile.parse(minimal + "\nfreeze:\n  recalibrate_batch_norm: false", file: "exp.yaml")
        #expect(!off.config.freeze.recalibrateBatchNorm)
        // Left out, the key is left out of the canonical form too: checkpoints made before it existed still resume.
        let absent = try ExperimentFile.parse(minimal, file: "exp.yaml")
        #expect(!absent.config.freeze.recalibrateBatchNorm && !absent.canonicalJSON.contains("recalibrate"))
        #expect(try ExperimentFile.parse(minimal, file: "exp.yaml", overrides: ["freeze.recalibrate_batch_norm=true"]).config.freeze.recalibrateBatchNorm)
        #expect(error(minimal + "\nfreeze:\n  recalibrate_batch_norm: yes please") == "exp.yaml:11: freeze.recalibrate_batch_norm: expected true or false")
        #expect(error(minimal + "\nfreeze:\n  recalibrate_batchnorm: true").hasPrefix("exp.yaml:11: freeze.recalibrate_batchnorm: unknown key"))
    }
}
