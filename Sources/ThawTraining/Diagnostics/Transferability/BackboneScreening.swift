import Foundation
import ThawModels
import ThawTrainingAPI

/// Which of a set of backbones can read the target data, and how transferable each is, on a
/// seeded sample of the target's training split — one backbone at a time, reported as each
/// is done. `thaw rank` prints the result; the workbench shows it growing on its Backbones
/// screen, so both rank the same backbones on the same examples with the same numbers.
public struct BackboneScreening {
    /// The sample and which backbones will be scored (and which cannot read the data).
    public let sample: TransferabilitySample
    private let candidates: [BackboneEntry]
    private let isText: Bool
    /// The sample as read so far, by vocabulary path ("" for numeric data, which is read
    /// once): text is tokenised with each backbone's own vocabulary.
    private let preread: [String: Dataset]
    private let data: DataConfig, seed: UInt64, base: URL, limit: Int

    /// Reads the training split of `data` (split as a run with `seed` would; relative paths
    /// against `base`) and keeps at most `limit` examples of it. Backbones that cannot read
    /// the data are set aside with the reason; repeated names are scored once.
    public init(entries: [BackboneEntry], data: DataConfig, seed: UInt64, base: URL, limit: Int) throws {
        (self.data, self.seed, self.base, self.limit) = (data, seed, base, limit)
        isText = data.format == .text
        var seen: Set<String> = []
        let unique = entries.filter { seen.insert($0.card.name).inserted }
        let examples: Dataset?
        if isText {
            // The first text backbone whose vocabulary loads reads the sample; others re-tokenise it in `run`.
            let reader = unique.lazy.filter { $0.card.input.kind == .text }
                .compactMap { entry in (try? RunBuilder.tokenizer(for: entry)).map { (entry: entry, tokenizer: $0) } }.first
            examples = try reader.map { try Self.read(data, seed: seed, base: base, limit: limit, tokenizer: $0.tokenizer) }
            if let reader, let examples { preread = [Self.key(reader.entry, isText: true): examples] } else { preread = [:] }
        } else {
            examples = try Self.read(data, seed: seed, base: base, limit: limit, tokenizer: nil)
            preread = examples.map { ["": $0] } ?? [:]
        }
        var compatible: [BackboneEntry] = [], skipped: [BackboneTransferability] = []
        for entry in unique {
            if let mismatch = InputMismatch.check(entry.card, isText: isText, featureShape: examples?.featureShape ?? []) {
                skipped.append(BackboneTransferability(backbone: entry.card.name, outcome: .incompatible(mismatch.summary)))
            } else {
                compatible.append(entry)
            }
        }
        candidates = compatible
        sample = TransferabilitySample(target: data.train, examples: examples?.count ?? 0, classes: examples?.classNames.count ?? 0,
                                       candidates: compatible.map(\.card.name), skipped: skipped)
    }

    /// Scores the candidates in order. After each, `report` gets its outcome and the ranking
    /// of all scored so far; a backbone that fails is reported and the next one goes on.
    /// `isCancelled` is asked between batches: true stops the work with `CancellationError`.
    @discardableResult
    public func run(batchSize: Int = 128, isCancelled: () -> Bool = { false },
                    report: (BackboneTransferability, TransferabilityRanking?) -> Void) throws -> TransferabilityRanking? {
        var scored: [TransferabilityScores] = []
        var ranking: TransferabilityRanking?
        var cache = preread
        let clock = ContinuousClock()
        for entry in candidates {
            if isCancelled() { throw CancellationError() }
            let started = clock.now
            let name = entry.card.name
            let result: BackboneTransferability
            do {
                let examples = try self.examples(for: entry, cache: &cache)
                let candidate = try BackboneAssessment.candidate(entry, examples: examples, isText: isText, batchSize: batchSize,
                                                                 isCancelled: isCancelled)
                let assessed = try CandidateAssessment(candidate, labels: examples.labels, classCount: examples.classNames.count)
                scored.append(assessed.scores)
                ranking = try TransferabilityRanking(scores: scored)
                let elapsed = clock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                result = BackboneTransferability(backbone: name, outcome: .scored(assessed.scores), seconds: seconds)
            } catch let error as CancellationError {
                throw error
            } catch {
                let line = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
                result = BackboneTransferability(backbone: name, outcome: .failed(line))
            }
            report(result, ranking)
        }
        return ranking
    }

    /// The sample as `entry` reads it (text tokenised with its vocabulary, once per vocabulary).
    private func examples(for entry: BackboneEntry, cache: inout [String: Dataset]) throws -> Dataset {
        let key = Self.key(entry, isText: isText)
        if let cached = cache[key] { return cached }
        let examples = try Self.read(data, seed: seed, base: base, limit: limit, tokenizer: RunBuilder.tokenizer(for: entry))
        cache[key] = examples
        return examples
    }

    private static func key(_ entry: BackboneEntry, isText: Bool) -> String {
        isText ? RunBuilder.vocabularyURL(entry)?.path ?? "" : ""
    }

    private static func read(_ data: DataConfig, seed: UInt64, base: URL, limit: Int, tokenizer: WordPieceTokenizer?) throws -> Dataset {
        let train = try ExperimentData.load(data, seed: seed, base: base, tokenizer: tokenizer).train
        return BackboneAssessment.sample(train, limit: limit, seed: seed)
    }
}
