import Foundation
import ThawModels
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTestSupport

/// The recorded Hugging Face reference of `Tests/Fixtures/bert/record_bert_fixtures.py`: a tiny
/// random BertModel directory (`tiny/`), a legacy `bert.`-prefixed task checkpoint (`legacy/`),
/// and inputs, outputs and gradients (`tiny_reference.safetensors`).
struct BERTFixture {
    /// Read from the source tree, so the tests need no resource bundle.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bert")
    static let tiny = directory.appendingPathComponent("tiny")
    static let legacy = directory.appendingPathComponent("legacy")

    /// Parity tolerance of the issue: 1e-4 relative, floored near zero (`maxRelativeDifference`).
    static let tolerance = 1e-4

    let file: SafeTensorsFile
    let batch = 3, sequence = 7

    init() throws {
        file = try SafeTensorsFile(contentsOf: Self.directory.appendingPathComponent("tiny_reference.safetensors"))
    }

    func tensor(_ key: String) throws -> Tensor {
        guard let info = file.info(key) else { throw FixtureError.missing("tiny_reference", key) }
        return Tensor(shape: info.shape, scalars: try file.floats(key))
    }

    func integers(_ key: String) throws -> [Int] { try file.integers(key).map { Int($0) } }

    /// A comma-separated metadata list (key lists).
    func list(_ key: String) throws -> [String] {
        guard let value = file.metadata[key] else { throw FixtureError.missing("tiny_reference", "metadata \(key)") }
        return value.split(separator: ",").map(String.init)
    }

    var inputIds: [Int] { get throws { try integers("input_ids") } }
    var attentionMask: [Int] { get throws { try integers("attention_mask") } }
    var tokenTypeIds: [Int] { get throws { try integers("token_type_ids") } }

    /// The tiny model with `config` changed by `edit`, weights from `tiny/model.safetensors`.
    static func tinyModel(pooler: Bool = true, _ edit: (inout BERTConfig) -> Void = { _ in }) throws -> BERTEncoder {
        var config = try BERTConfig(contentsOf: tiny.appendingPathComponent("config.json"))
        edit(&config)
        let model = try BERTEncoder(config: config, pooler: pooler, seed: 1)
        try model.loadStateDict(from: try SafeTensorsFile(contentsOf: tiny.appendingPathComponent("model.safetensors")),
                                options: LoadOptions(headPrefixes: pooler ? [] : ["pooler"]))
        return model
    }
}

/// Writes files into a fresh temporary directory that is removed afterwards.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-bert-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}
