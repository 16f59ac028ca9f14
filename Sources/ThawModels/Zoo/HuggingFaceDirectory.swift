import Foundation
import ThawJSON

/// A Hugging Face model directory (`config.json`, `vocab.txt`, `model.safetensors`) used as
/// it is, with a card derived from its config.
public enum HuggingFaceDirectory {
    /// A card for the directory, nil when it is not a Hugging Face BERT directory at all.
    public static func card(for directory: URL) throws -> BackboneCard? {
        let config = directory.appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: config.path) else { return nil }
        guard let data = try? Data(contentsOf: config),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw StrictDecodingError(file: config.path, path: "", message: "not a JSON object")
        }
        let modelType = object["model_type"] as? String ?? ""
        guard ["bert"].contains(modelType) else {
            throw StrictDecodingError(file: config.path, path: "model_type", message: "\"\(modelType)\" is not supported; Thaw reads BERT-family encoders (model_type \"bert\")")
        }
        let weights = directory.appendingPathComponent("model.safetensors")
        guard FileManager.default.fileExists(atPath: weights.path) else {
            let hint = FileManager.default.fileExists(atPath: directory.appendingPathComponent("pytorch_model.bin").path)
                ? "only pytorch_model.bin is present (a pickle); convert it: python3 -c \"import torch; from safetensors.torch import save_file; save_file(torch.load('pytorch_model.bin', weights_only=True), 'model.safetensors')\""
                : "model.safetensors is missing"
            throw StrictDecodingError(file: directory.path, path: "", message: hint)
        }
        let bert: BERTConfig
        do { bert = try BERTConfig(contentsOf: config) } catch {
            throw StrictDecodingError(file: config.path, path: "", message: "\(error)")
        }
        return BackboneCard(
            name: directory.lastPathComponent,
            summary: "Hugging Face BERT encoder, hidden \(bert.hiddenSize), \(bert.layers) layers, \(bert.attentionHeads) heads",
            architecture: ArchitectureSpec(kind: .bert, bert: bert),
            input: InputSpec(kind: .text, maxLength: min(bert.maxPositions, 128), vocabulary: "vocab.txt"),
            source: SourceTask(task: "pretrained encoder (no task head)", classes: ["(none)"]),
            head: [BERTClassifier.headPrefix],
            weights: "model.safetensors",
            provenance: Provenance(data: directory.path, tool: "Hugging Face"))
    }
}
