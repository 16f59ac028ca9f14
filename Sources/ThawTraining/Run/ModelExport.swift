import Foundation
import ThawModels
import ThawNN
import ThawTrainingAPI

/// Writes a trained network as a zoo backbone (safetensors + card), so any run's result can
/// be the next run's pretrained backbone.
public enum ModelExport {
    public static func write(_ prepared: PreparedRun, name: String, to directory: URL, accuracy: Double?, command: String) throws -> URL {
        let backbone = prepared.trainer.backbone
        guard let architecture = backbone.architecture else {
            throw ConfigError(file: directory.path, message: "this backbone's architecture cannot be written as a card")
        }
        let weights = directory.appendingPathComponent("\(name).safetensors")
        try backbone.saveStateDict(to: weights)
        let data = prepared.data
        let input: InputSpec
        if data.isText {
            // The tokenizer's vocabulary travels with the weights.
            let vocabulary = prepared.sourceCard?.input.vocabulary ?? "vocab.txt"
            if let source = prepared.sourceVocabulary {
                let target = directory.appendingPathComponent(vocabulary)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source, to: target)
            }
            input = InputSpec(kind: .text, maxLength: prepared.experiment.config.data.maxLength, vocabulary: vocabulary)
        } else {
            input = InputSpec(kind: prepared.sourceCard?.input.kind ?? (data.train.featureShape.count == 3 ? .image : .tabular),
                              shape: data.train.featureShape, mean: prepared.normalization?.mean, std: prepared.normalization?.std)
        }
        let config = prepared.experiment.config
        let card = BackboneCard(
            name: name, summary: "trained by thaw from \(prepared.sourceCard?.name ?? "scratch")",
            architecture: architecture, input: input,
            source: SourceTask(task: config.name, dataset: config.data.train, classes: data.classNames),
            head: backbone.headPrefixes, weights: weights.lastPathComponent,
            provenance: Provenance(command: command, data: config.data.train, seed: config.seed, epochs: config.training.epochs,
                                   accuracy: accuracy, created: ISO8601DateFormatter().string(from: Date()), tool: "thaw"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let cardURL = directory.appendingPathComponent("\(name).json")
        try encoder.encode(card).write(to: cardURL, options: .atomic)
        return cardURL
    }
}
