import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

/// End-to-end scenarios with real training: an MLP pretrained on a related source task, and
/// one pretrained on the same inputs with shuffled labels (a source unrelated to anything),
/// each fine-tuned on a small target set beside a from-scratch shadow trained on the same
/// batches. The negative-transfer gap must stay quiet (and negative) for the first and fire
/// for the second, and the transferability ranking must prefer the first.
@Suite("Diagnostics: transfer scenarios")
struct DiagnosticsTransferScenarioTests {
    /// Inputs x ~ N(0, I₁₆); a hidden structure h = ReLU(Wx) (8 units) that both the target
    /// (4 classes, argmax Ah) and the related source (6 classes, argmax Bh) are read from.
    struct World {
        let w: [Float], a: [Float], b: [Float]

        init(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            w = (0..<(8 * 16)).map { _ in generator.nextNormal() }
            a = (0..<(4 * 8)).map { _ in generator.nextNormal() }
            b = (0..<(6 * 8)).map { _ in generator.nextNormal() }
        }

        func hidden(_ x: ArraySlice<Float>) -> [Float] {
            (0..<8).map { j in Swift.max(0, (0..<16).reduce(Float(0)) { $0 + w[j * 16 + $1] * x[x.startIndex + $1] }) }
        }

        func readout(_ h: [Float], _ m: [Float], classes: Int) -> Int {
            let scores = (0..<classes).map { c in (0..<8).reduce(Float(0)) { $0 + m[c * 8 + $1] * h[$1] } }
            return scores.indices.max { scores[$0] < scores[$1] }!
        }

        enum Task { case target, relatedSource, shuffledSource }

        func dataset(_ task: Task, count: Int, seed: UInt64) -> Dataset {
            var generator = SeededGenerator(seed: seed)
            let features = (0..<(count * 16)).map { _ in generator.nextNormal() }
            var labels = (0..<count).map { i -> Int in
                let h = hidden(features[(i * 16)..<((i + 1) * 16)])
                return task == .target ? readout(h, a, classes: 4) : readout(h, b, classes: 6)
            }
            if task == .shuffledSource { labels = DataRandom.permutation(count, seed: seed ^ 0x5EED).map { labels[$0] } }
            let classes = task == .target ? 4 : 6
            return Dataset(featureShape: [16], features: features, labels: labels, classNames: (0..<classes).map { "c\($0)" })
        }
    }

    static let world = World(seed: 42)

    func trainer(_ backbone: MLPBackbone, _ data: Dataset, epochs: Int, seed: UInt64) -> Trainer {
        Trainer(backbone: backbone, loader: BatchLoader(dataset: data, batchSize: 16, seed: seed), validation: nil, inputKind: .tabular,
                optimizer: SGD(momentum: 0.9), schedule: LRSchedule(base: 0.05), options: TrainerOptions(epochs: epochs))
    }

    /// Trains a backbone on `source` and returns it with its source head still on.
    func pretrained(on source: World.Task) throws -> MLPBackbone {
        var generator = SeededGenerator(seed: 7)
        let backbone = MLPBackbone(sizes: [16, 32, 32, 6], generator: &generator)
        let run = trainer(backbone, Self.world.dataset(source, count: 2000, seed: 11), epochs: 30, seed: 3)
        while !run.isFinished { try run.trainStep() }
        return backbone
    }

    /// Per-example correctness and mean loss of `run`'s model on `data`.
    func score(_ run: Trainer, on data: Dataset) throws -> (correct: [Bool], loss: Double) {
        let indices = Array(0..<data.count)
        let logits = try withNoGradient {
            run.backbone.setTraining(false)
            defer { run.backbone.setTraining(true) }
            return try run.backbone.logits(run.backboneBatch(data.inputs(indices: indices)))
        }
        return (zip(logits.argmax(axis: 1), data.labels).map { $0 == $1 }, try run.evaluate(data).loss)
    }

    /// Fine-tunes `backbone` (new 4-class head) and a scratch shadow on the same 64 target
    /// examples and batch order, evaluating both after every epoch.
    func negativeTransferMeasurements(_ backbone: MLPBackbone) throws -> [NegativeTransferMeasurement] {
        var generator = SeededGenerator(seed: 5)
        backbone.replaceHead(classes: 4, generator: &generator)
        let scratchModel = MLPBackbone(sizes: [16, 32, 32, 4], generator: &generator)
        let target = Self.world.dataset(.target, count: 64, seed: 21)
        let validation = Self.world.dataset(.target, count: 600, seed: 22)
        let (transfer, scratch) = (trainer(backbone, target, epochs: 12, seed: 9), trainer(scratchModel, target, epochs: 12, seed: 9))
        var evaluations: [NegativeTransferEvaluation] = []
        while !transfer.isFinished {
            try transfer.trainStep()
            try scratch.trainStep()
            guard transfer.epochJustEnded else { continue }
            let (a, b) = (try score(transfer, on: validation), try score(scratch, on: validation))
            evaluations.append(NegativeTransferEvaluation(step: transfer.step, epochs: Double(transfer.epoch), pretrainedCorrect: a.correct,
                                                          scratchCorrect: b.correct, pretrainedLoss: a.loss, scratchLoss: b.loss))
        }
        return NegativeTransferGap().measurements(evaluations)
    }

    @Test func relatedPretrainingHelpsAndRaisesNoWarning() throws {
        let measurements = try negativeTransferMeasurements(try pretrained(on: .relatedSource))
        let gaps = measurements.map { String(format: "%+.3f", $0.gap) }.joined(separator: " ")
        #expect(measurements.allSatisfy { !$0.confirmed }, "NTG per epoch: \(gaps)")
        #expect(measurements.last!.gap < 0 && measurements.last!.state == .helping, "NTG per epoch: \(gaps)")
    }

    @Test func unrelatedPretrainingIsFlaggedAsNegativeTransfer() throws {
        let measurements = try negativeTransferMeasurements(try pretrained(on: .shuffledSource))
        let gaps = measurements.map { String(format: "%+.3f", $0.gap) }.joined(separator: " ")
        #expect(measurements.contains { $0.confirmed }, "NTG per epoch: \(gaps)")
        #expect(measurements.last!.gap > 0, "NTG per epoch: \(gaps)")
    }

    @Test func rankingPrefersTheRelatedBackbone() throws {
        let sample = Self.world.dataset(.target, count: 300, seed: 31)
        var candidates: [TransferabilityCandidate] = []
        for (name, source) in [("shuffled-labels", World.Task.shuffledSource), ("related", .relatedSource)] {
            let backbone = try pretrained(on: source)
            let batch = BackboneBatch.dense(sample.inputs(indices: Array(0..<sample.count)))
            let (features, probabilities) = try withNoGradient {
                backbone.setTraining(false)
                let features = try backbone.features(batch)
                return (features, backbone.classify(features: features).softmax(axis: 1))
            }
            candidates.append(TransferabilityCandidate(
                backbone: name, features: try FeatureMatrix(rows: sample.count, columns: features.shape[1], values: features.scalars),
                sourceProbabilities: probabilities.scalars.map(Double.init), sourceClassCount: 6))
        }
        let assessment = try TransferabilityAssessment(candidates: candidates, labels: sample.labels, classCount: 4)
        let table = assessment.ranking.rows.map { "\($0.backbone): LogME \($0.logME) LEEP \($0.leep!) NCE \($0.nce!) H \($0.hScore)" }
        #expect(assessment.ranking.rows.first?.backbone == "related", "\(table)")
        #expect(!assessment.ranking.isUncertain, "\(table)")
    }
}
