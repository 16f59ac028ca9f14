import ArgumentParser
import Foundation
import ThawModels
import ThawSafeTensors
import ThawTensor
import ThawTraining
import ThawTrainingAPI

struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write a backbone's pooled features for a dataset (one row per example).",
        discussion: """
        The output safetensors holds `features` (N × D, float32) and `labels` (N, int64) when \
        the data has labels, plus metadata naming the backbone and the data. For text data with \
        a BERT backbone, rows are masked-mean (default) or [CLS] pooled hidden states.
        """
    )

    @Option(help: "Backbone card, weights file with its card, Hugging Face directory, or zoo name.")
    var backbone: String

    @OptionGroup var input: DataFileOptions

    @Option(help: "Output .safetensors file.")
    var out: String

    @Option(help: "Read only the first N examples (IDX).")
    var limit: Int?

    @Option(help: "Text pooling: mean or cls.")
    var pool: BERTPoolingMode = .mean

    @Flag(help: "L2-normalise each row.")
    var normalize = false

    @Option(help: "Tokens per text example.")
    var maxLength = 128

    @Option(name: .customLong("batch-size"), help: "Examples per forward pass.")
    var batchSize = 64

    @Option(help: "Kernel threads (default: every core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        do {
            try withComputeThreads(threads) { try extract() }
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("thaw features: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func extract() throws {
        let entry = try FeatureInputs.entry(backbone)
        let isText = entry.card.input.kind == .text
        var dataConfig = try input.config(isText: isText)
        dataConfig.limit = limit
        dataConfig.maxLength = maxLength
        let tokenizer = isText ? try WordPieceTokenizer(vocabularyFile: entry.cardURL.deletingLastPathComponent()
            .appendingPathComponent(entry.card.input.vocabulary ?? "vocab.txt")) : nil
        let dataset = try ExperimentData.load(dataConfig, seed: 0, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                              tokenizer: tokenizer).train
        let loaded = try BackboneLoader.load(entry)
        let model = loaded.backbone
        model.setTraining(false)
        let normalization = entry.card.input.mean.flatMap { mean in entry.card.input.std.map { Normalization(mean: mean, std: $0) } }
        var rows: [Float] = []
        var dimension = 0
        var progress = FeatureProgress(total: dataset.count)
        try withNoGradient {
            for start in stride(from: 0, to: dataset.count, by: batchSize) {
                let indices = Array(start..<min(start + batchSize, dataset.count))
                var inputs = dataset.inputs(indices: indices)
                if let normalization { inputs = normalization.apply(to: inputs) }
                var pooled: Tensor
                if isText, let bert = model as? BERTClassifier {
                    let tokens = TokenizedText.tokenBatch(inputs)
                    let hidden = try bert.encoder(inputIds: tokens.ids, tokenTypeIds: tokens.tokenTypeIds, attentionMask: tokens.attentionMask,
                                                  batch: tokens.batch, sequence: tokens.sequence)
                    pooled = BERTPooling.pool(hidden, mode: pool, attentionMask: tokens.attentionMask)
                } else {
                    pooled = try model.features(.dense(inputs))
                }
                if normalize { pooled = BERTPooling.l2Normalized(pooled) }
                dimension = pooled.shape[1]
                rows += pooled.scalars
                progress.advance(by: indices.count)
            }
        }
        progress.finish()
        var writer = SafeTensorsWriter(metadata: ["backbone": entry.card.name, "data": input.data, "pooling": isText ? pool.rawValue : "backbone",
                                                  "normalized": normalize ? "true" : "false", "classes": dataset.classNames.joined(separator: ",")])
        try writer.add("features", shape: [dataset.count, dimension], floats: rows)
        try writer.add("labels", shape: [dataset.count], int64s: dataset.labels.map { Int64($0) })
        try writer.write(to: URL(fileURLWithPath: out))
        FileHandle.standardError.write(Data("wrote \(dataset.count) × \(dimension) features to \(out)\n".utf8))
    }
}
