import Foundation
import ThawNN
import ThawSafeTensors

/// Why a Hugging Face model directory cannot be opened. Each message says what to do.
public enum BERTCheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingConfig(directory: String)
    /// Only a pickle checkpoint is present; Thaw never unpickles (it runs arbitrary code).
    case pickleOnly(directory: String, file: String)
    case shardedWeights(directory: String)
    case missingWeights(directory: String)

    public var description: String {
        switch self {
        case let .missingConfig(directory):
            return "\(directory) has no config.json: the model's sizes come from it. Save it next to the weights "
                + "(in Python: model.config.save_pretrained(\"\(directory)\"))."
        case let .pickleOnly(directory, file):
            return "\(directory) holds \(file) but no model.safetensors. Thaw reads only safetensors, because loading a "
                + "pickle can run arbitrary code. Convert it once in Python, in that directory:\n"
                + "  import torch; from safetensors.torch import save_file\n"
                + "  sd = torch.load(\"\(file)\", map_location=\"cpu\", weights_only=True)\n"
                + "  save_file({k: v.clone().contiguous() for k, v in sd.items()}, \"model.safetensors\", metadata={\"format\": \"pt\"})\n"
                + "(or AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True))."
        case let .shardedWeights(directory):
            return "\(directory) holds a sharded checkpoint (model.safetensors.index.json); BERT-size models fit in one "
                + "file: re-save with save_pretrained(dir, max_shard_size=\"10GB\")."
        case let .missingWeights(directory):
            return "\(directory) has no model.safetensors (expected Hugging Face's file name)."
        }
    }
}

/// The two files of a Hugging Face BERT directory, and the loading rules shared by the encoder
/// and the classifier.
enum BERTCheckpoint {
    /// Checkpoints from task models carry `bert.`; TensorFlow-era conversions name LayerNorm's
    /// parameters `gamma`/`beta`.
    static let keyMap = KeyMap(strippedPrefixes: ["bert."], renamedLeaves: ["gamma": "weight", "beta": "bias"])

    /// Heads of other HF tasks that a checkpoint may carry beside the encoder: pretraining
    /// (`cls.predictions`, `cls.seq_relationship`), sequence/token classification
    /// (`classifier`), question answering (`qa_outputs`). Listed as head prefixes they end up
    /// in `LoadReport.droppedSourceHead` instead of failing the load as unexpected keys; any
    /// other stray key still fails it, because it means the file is not the model we think.
    static let sourceHeads = ["cls", "classifier", "qa_outputs"]

    /// HF's non-persistent buffers, which older `transformers` versions did save. Their values
    /// are always `0..<max_positions` and zeros, which Thaw computes, so they are matched as
    /// "heads" to pass the load and then removed from the report: nothing was dropped.
    static let ignorableKeys = ["embeddings.position_ids", "embeddings.token_type_ids"]

    static func locate(_ directory: URL) throws -> (config: URL, weights: URL) {
        let fm = FileManager.default
        let config = directory.appendingPathComponent("config.json")
        let weights = directory.appendingPathComponent("model.safetensors")
        guard fm.fileExists(atPath: config.path) else { throw BERTCheckpointError.missingConfig(directory: directory.path) }
        if fm.fileExists(atPath: weights.path) { return (config, weights) }
        if fm.fileExists(atPath: directory.appendingPathComponent("model.safetensors.index.json").path) {
            throw BERTCheckpointError.shardedWeights(directory: directory.path)
        }
        for pickle in ["pytorch_model.bin", "model.pt", "model.pth"]
        where fm.fileExists(atPath: directory.appendingPathComponent(pickle).path) {
            throw BERTCheckpointError.pickleOnly(directory: directory.path, file: pickle)
        }
        throw BERTCheckpointError.missingWeights(directory: directory.path)
    }

    /// Loads `file` into `model`, tolerating other tasks' heads and HF's buffers.
    static func load(_ model: some Module, from file: SafeTensorsFile, extraHeads: [String]) throws -> LoadReport {
        let options = LoadOptions(keyMap: keyMap, headPrefixes: extraHeads + sourceHeads + ignorableKeys)
        var report = try model.loadStateDict(from: file, options: options)
        report.droppedSourceHead.removeAll { ignorableKeys.contains($0) }
        return report
    }

    /// True when the file (after the key map) has a BERT pooler.
    static func hasPooler(_ file: SafeTensorsFile) -> Bool {
        file.tensors.contains { keyMap($0.name) == "pooler.dense.weight" }
    }
}

extension BERTEncoder {
    /// Loads a Hugging Face BERT directory (`config.json` + `model.safetensors`).
    ///
    /// Keys may carry a `bert.` prefix and `gamma`/`beta` LayerNorm names. Heads of other tasks
    /// in the file (`cls.*`, `classifier.*`, `qa_outputs.*`) are listed in the report's
    /// `droppedSourceHead`, not treated as errors; a missing encoder tensor or a shape mismatch
    /// is an error (`StateDictError.incompatible`) and nothing is loaded.
    ///
    /// - Parameter pooler: build the pooler; nil follows the file (present iff it has one).
    public static func load(directory: URL, pooler: Bool? = nil, seed: UInt64 = 0) throws -> (model: BERTEncoder, report: LoadReport) {
        let (configURL, weightsURL) = try BERTCheckpoint.locate(directory)
        let config = try BERTConfig(contentsOf: configURL)
        let file = try SafeTensorsFile(contentsOf: weightsURL)
        let model = try BERTEncoder(config: config, pooler: pooler ?? BERTCheckpoint.hasPooler(file), seed: seed)
        return (model, try model.loadCheckpoint(file))
    }

    /// Loads an already opened Hugging Face checkpoint with the rules of `load(directory:)`;
    /// for callers that find the file themselves (the backbone zoo).
    @discardableResult
    public func loadCheckpoint(_ file: SafeTensorsFile) throws -> LoadReport {
        // A checkpoint pooler this model was built without is dropped, like a head.
        try BERTCheckpoint.load(self, from: file, extraHeads: pooler == nil ? ["pooler"] : [])
    }
}

extension BERTClassifier {
    /// Loads a Hugging Face BERT directory under a new `classifier` head.
    ///
    /// A `classifier.*` of the right shape in the file (a `BertForSequenceClassification`
    /// fine-tuned for the same number of classes) is loaded, to continue its training; one of
    /// another shape is reported as re-initialised. The checkpoint's `pooler.*` is reported as
    /// a dropped source head, since the features are pooled hidden states.
    public static func load(directory: URL, classes: Int, pooling: BERTPoolingMode = .mean, classifierDropout: Float? = nil,
                            seed: UInt64 = 0) throws -> (model: BERTClassifier, report: LoadReport) {
        let (configURL, weightsURL) = try BERTCheckpoint.locate(directory)
        let config = try BERTConfig(contentsOf: configURL)
        let file = try SafeTensorsFile(contentsOf: weightsURL)
        let model = try BERTClassifier(config: config, classes: classes, pooling: pooling,
                                       classifierDropout: classifierDropout, seed: seed)
        return (model, try model.loadCheckpoint(file))
    }

    /// Loads an already opened checkpoint with the rules of `load(directory:classes:)`.
    @discardableResult
    public func loadCheckpoint(_ file: SafeTensorsFile) throws -> LoadReport {
        try BERTCheckpoint.load(self, from: file, extraHeads: [Self.headPrefix, "pooler"])
    }
}
