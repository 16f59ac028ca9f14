import Foundation
import Testing
import ThawModels
import ThawTestSupport
import ThawTrainingAPI
@testable import ThawTraining

/// The shared "which backbones fit + sample + score" step behind `thaw rank` and the
/// workbench, on the shipped sample data: MNIST digits 5–9 against the three bundled backbones.
@Suite("Diagnostics: backbone screening")
struct DiagnosticsBackboneScreeningTests {
    static let sampleData = ThawBinary.fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data")
    static let entries = BackboneZoo.discover(in: [(sampleData.appendingPathComponent("backbones"), .sampleData)]).entries
    static let digits59 = DataConfig(train: "mnist/train-images-idx3-ubyte.gz", labels: "mnist/train-labels-idx1-ubyte.gz",
                                     split: SplitConfig(validation: 0.1, test: 0), classes: ["5", "6", "7", "8", "9"])

    /// Reported one backbone at a time, in order, and ending on the ranking that scoring them
    /// all at once (`TransferabilityAssessment`) gives on the same examples.
    @Test func scoresOneAtATimeAndRanksLikeTheWholeAssessment() throws {
        let screening = try BackboneScreening(entries: Self.entries, data: Self.digits59, seed: 1, base: Self.sampleData, limit: 200)
        #expect(screening.sample.examples == 200 && screening.sample.classes == 5)
        #expect(screening.sample.candidates.count == 3 && screening.sample.skipped.isEmpty)
        var reported: [(BackboneTransferability, TransferabilityRanking?)] = []
        let ranking = try #require(try screening.run { reported.append(($0, $1)) })
        #expect(reported.map(\.0.backbone) == screening.sample.candidates)
        #expect(reported.map { $0.1?.rows.count ?? 0 } == [1, 2, 3], "each report ranks all scored so far")
        #expect(reported.allSatisfy { ($0.0.seconds ?? -1) >= 0 && $0.0.scores?.leep != nil })

        let train = try ExperimentData.load(Self.digits59, seed: 1, base: Self.sampleData, tokenizer: nil).train
        let sample = BackboneAssessment.sample(train, limit: 200, seed: 1)
        let whole = try TransferabilityAssessment(candidates: Self.entries.map { try BackboneAssessment.candidate($0, examples: sample, isText: false) },
                                                  labels: sample.labels, classCount: 5)
        #expect(ranking == whole.ranking)
        #expect(ranking.rows.first?.backbone == "smallcnn-mnist04", "the backbone pretrained on digits 0–4 transfers best")
    }

    @Test func cancellingStopsBetweenBackbones() throws {
        let screening = try BackboneScreening(entries: Self.entries, data: Self.digits59, seed: 1, base: Self.sampleData, limit: 100)
        var reported = 0
        #expect(throws: CancellationError.self) {
            try screening.run(isCancelled: { reported > 0 }) { _, _ in reported += 1 }
        }
        #expect(reported == 1)
    }

    @Test func backbonesThatCannotReadTheDataAreSkippedWithTheReason() throws {
        let digits = DataConfig(train: "digits/digits.csv", shape: [1, 8, 8], scale: 16)
        let screening = try BackboneScreening(entries: Self.entries, data: digits, seed: 0, base: Self.sampleData, limit: 50)
        // The ResNet pools adaptively and reads 8×8 images; the two SmallCNNs need 28×28.
        #expect(screening.sample.candidates == ["resnet18w8-fashion"])
        #expect(screening.sample.skipped.map(\.outcome) == Array(repeating: .incompatible("input 1×28×28 ≠ data 1×8×8"), count: 2))
    }

    @Test func inputMismatchNamesBothShapes() {
        func card(_ kind: InputSpec.Kind, _ shape: [Int]?) -> BackboneCard {
            BackboneCard(name: "b", architecture: ArchitectureSpec(kind: .mlp), input: InputSpec(kind: kind, shape: shape),
                         source: SourceTask(task: "t", classes: ["a", "b"]), head: ["2"])
        }
        #expect(InputMismatch.check(card(.image, [1, 28, 28]), isText: false, featureShape: [3, 32, 32])?.summary == "input 1×28×28 ≠ data 3×32×32")
        #expect(InputMismatch.check(card(.image, [1, 28, 28]), isText: false, featureShape: [1, 28, 28]) == nil)
        #expect(InputMismatch.check(card(.tabular, [64]), isText: false, featureShape: [1, 8, 8]) == nil, "a tabular backbone reads the flat row")
        #expect(InputMismatch.check(card(.text, nil), isText: false, featureShape: [4])?.summary == "reads text, data is numeric")
        #expect(InputMismatch.check(card(.image, [1, 28, 28]), isText: true, featureShape: [])?.summary == "reads images, data is text")
        var resnet = card(.image, [3, 224, 224])
        resnet.architecture = ArchitectureSpec(kind: .resnet, resnet: ResNetConfig(depth: 18))
        #expect(InputMismatch.check(resnet, isText: false, featureShape: [3, 32, 32]) == nil, "a ResNet reads any image size")
        #expect(InputMismatch.check(resnet, isText: false, featureShape: [1, 32, 32])?.summary == "input 3 channel(s) ≠ data 1")
        #expect(InputMismatch.check(resnet, isText: false, featureShape: [3, 4, 4]) != nil, "too small for the stride-32 stages")
    }
}

/// Text data: each BERT reads the sample through its own vocabulary, an image backbone is
/// skipped, and a backbone without a source head gets LogME and H-score but no LEEP/NCE.
@Suite("Diagnostics: backbone screening on text")
struct DiagnosticsTextScreeningTests {
    /// Two copies of the tiny test BERT (random weights, no task head) with a 99-token vocabulary.
    static func textZoo() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-screening-\(UUID().uuidString.prefix(8))")
        let fixtures = ThawBinary.fixtures
        let vocabulary = try String(contentsOf: fixtures.appendingPathComponent("tokenizer/vocab-subset.txt"), encoding: .utf8)
            .split(separator: "\n").prefix(99).joined(separator: "\n") + "\n"
        for name in ["tiny-a", "tiny-b"] {
            let bert = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: bert, withIntermediateDirectories: true)
            for file in ["config.json", "model.safetensors"] {
                try FileManager.default.copyItem(at: fixtures.appendingPathComponent("bert/tiny/\(file)"), to: bert.appendingPathComponent(file))
            }
            try vocabulary.write(to: bert.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func eachTextBackboneReadsTheSampleAndImageBackbonesAreSkipped() throws {
        let zoo = try Self.textZoo()
        defer { try? FileManager.default.removeItem(at: zoo) }
        let entries = BackboneZoo.discover(in: [(zoo, .explicit)]).entries + DiagnosticsBackboneScreeningTests.entries.prefix(1)
        let sms = DataConfig(train: "sms-spam/sms_spam.csv", format: .text, split: SplitConfig(validation: 0, test: 0), maxLength: 16)
        let screening = try BackboneScreening(entries: entries, data: sms, seed: 2, base: DiagnosticsBackboneScreeningTests.sampleData, limit: 40)
        #expect(screening.sample.candidates == ["tiny-a", "tiny-b"])
        #expect(screening.sample.skipped.map(\.outcome) == [.incompatible("reads images, data is text")])
        #expect(screening.sample.examples == 40 && screening.sample.classes == 2)
        var outcomes: [BackboneTransferability] = []
        let ranking = try screening.run { outcome, _ in outcomes.append(outcome) }
        let scores = outcomes.compactMap(\.scores)
        #expect(scores.count == 2, "\(outcomes)")
        #expect(scores.allSatisfy { $0.leep == nil && $0.nce == nil && $0.logME.isFinite }, "no source head: no LEEP or NCE")
        #expect(scores[0].logME == scores[1].logME, "the same weights and vocabulary score the same")
        #expect(ranking?.rows.count == 2)
    }
}
