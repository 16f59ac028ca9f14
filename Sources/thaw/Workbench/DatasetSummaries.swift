import Foundation
import ThawModels
import ThawTraining
import ThawTrainingAPI

/// Reads an experiment's data the way a run will (same readers, split and class filter) and
/// summarises it for the Data screen. Few-shot is left out on purpose: the screen applies N
/// itself, so editing N needs no re-read.
enum DatasetSummaries {
    static func summarize(_ config: DataConfig, seed: UInt64, base: URL, tokenizer: WordPieceTokenizer?) throws -> DatasetSummary {
        var whole = config
        whole.fewShot = nil
        let data = try ExperimentData.load(whole, seed: seed, base: base, tokenizer: tokenizer)
        let name = config.train.lowercased()
        let format = data.isText ? "text" : (config.format?.rawValue
            ?? (name.contains("idx") || name.contains("-ubyte") ? "idx" : "csv"))
        return DatasetSummary(path: config.train, format: format, examples: data.train.count + data.validation.count + data.test.count,
                              shape: data.isText ? [config.maxLength] : data.train.featureShape, classes: data.classNames,
                              trainCounts: data.train.classCounts, validationCount: data.validation.count, testCount: data.test.count)
    }

    /// The vocabulary of a text backbone, needed to read text data.
    static func tokenizer(for backboneName: String?, in discovery: BackboneZoo.Discovery) -> WordPieceTokenizer? {
        guard let name = backboneName, let entry = discovery.entries.first(where: { $0.card.name == name }),
              entry.card.input.kind == .text else { return nil }
        let vocabulary = entry.cardURL.deletingLastPathComponent().appendingPathComponent(entry.card.input.vocabulary ?? "vocab.txt")
        return try? WordPieceTokenizer(vocabularyFile: vocabulary)
    }
}
