import Foundation
import ThawModels
import ThawTrainingAPI

extension SourceProbe {
    /// The key every error below names.
    static let configKey = "diagnostics.source_probe"

    /// The probe `diagnostics.source_probe` asks for, nil without one. Its data keys are those
    /// of `data`, but only the training file is read, all of it (no split, no few-shot), and its
    /// classes, in the order of the source head's outputs, are the card's source classes unless
    /// `classes` names the file's own. Refused with the key and the file: a run without
    /// pretrained weights (nothing to forget), a file that is not there, data the backbone
    /// cannot read (the run's own rule, `InputMismatch`), weights without their source head, or
    /// a class count that is not the head's.
    static func load(_ config: RunConfig, entry: BackboneEntry?, base: URL,
                     tokenizer: WordPieceTokenizer?, normalization: Normalization?) throws -> SourceProbe? {
        guard var probe = config.diagnostics.sourceProbe else { return nil }
        guard let entry, !config.backbone.scratch else {
            throw ConfigError(file: "experiment", path: configKey, message: scratchMessage)
        }
        for (key, value) in [("train", probe.train), ("labels", probe.labels)] {
            guard let value else { continue }
            let path = ExperimentData.resolve(value, base: base)
            if !FileManager.default.fileExists(atPath: path) {
                throw ConfigError(file: path, path: "\(configKey).\(key)",
                                  message: "no such file (relative paths are read from the experiment's directory, then the working directory)")
            }
        }
        let card = entry.card
        probe.classes = probe.classes ?? card.source.classes
        (probe.test, probe.testLabels, probe.fewShot) = (nil, nil, nil)
        probe.split = SplitConfig(validation: 0, test: 0)
        let data = try readProbe(probe, seed: config.seed, base: base, tokenizer: tokenizer)
        let trainPath = ExperimentData.resolve(probe.train, base: base)
        if let mismatch = InputMismatch.check(card, isText: data.isText, featureShape: data.train.featureShape) {
            throw ConfigError(file: trainPath, path: mismatch.configPath == "backbone" ? configKey : configKey + mismatch.configPath.dropFirst(4),
                              message: mismatch.message)
        }
        guard data.train.count > 0 else {
            throw ConfigError(file: trainPath, path: "\(configKey).classes", message: "no examples of the classes \(probe.classes ?? [])")
        }
        let loaded = try BackboneLoader.load(entry, classes: nil, seed: config.seed)
        if let missing = loaded.report.reinitialized.first {
            throw ConfigError(file: entry.weightsURL.path, path: configKey,
                              message: "the weights of \(card.name) have no source head (\(missing.key) is missing), so the source task "
                                + "cannot be read; remove the key or use weights that keep their head")
        }
        let classes = data.classNames
        guard classes.count == loaded.backbone.classes else {
            throw ConfigError(file: trainPath, path: "\(configKey).classes",
                              message: "\(classes.count) classes (\(classes.joined(separator: ", "))), but the source head of \(card.name) has "
                                + "\(loaded.backbone.classes) (\(card.source.classes.joined(separator: ", "))); list the file's classes in the head's order")
        }
        return SourceProbe(sourceModel: loaded.backbone, data: data.train, normalization: normalization)
    }

    static let scratchMessage = "a run without pretrained weights has no source task to forget; name a pretrained backbone or remove the key"

    /// The probe file read like `data`, with any complaint about a `data` key re-addressed to
    /// the same key under `diagnostics.source_probe`.
    static func readProbe(_ probe: DataConfig, seed: UInt64, base: URL, tokenizer: WordPieceTokenizer?) throws -> ExperimentData {
        do {
            return try ExperimentData.load(probe, seed: seed, base: base, tokenizer: tokenizer)
        } catch let error as ConfigError {
            let path = error.path.hasPrefix("data.") ? configKey + error.path.dropFirst(4) : error.path
            throw ConfigError(file: error.file, line: error.line, path: path, message: error.message)
        } catch {
            throw ConfigError(file: ExperimentData.resolve(probe.train, base: base), path: configKey, message: "\(error)")
        }
    }
}
