import Foundation
import Testing
import ThawModels
import ThawSafeTensors
import ThawTensor

/// The real all-MiniLM-L6-v2 against sentence-transformers (outside the suite: the model is
/// 91 MB). Run `Tests/Fixtures/bert/check_minilm.py` first; it tokenises the sentences and
/// writes the reference embeddings, so this checks the model alone.
@Suite("MiniLM sentence embeddings (THAW_MINILM_DIR)")
struct BERTMiniLMCheckTests {
    static let environment = ProcessInfo.processInfo.environment

    static var referenceDirectory: URL {
        URL(fileURLWithPath: environment["THAW_MINILM_REFERENCE"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("thaw-minilm-check").path)
    }

    @Test(.enabled(if: environment["THAW_MINILM_DIR"] != nil, "set THAW_MINILM_DIR to the all-MiniLM-L6-v2 directory"))
    func embeddingsMatchSentenceTransformers() throws {
        let modelDirectory = URL(fileURLWithPath: try #require(Self.environment["THAW_MINILM_DIR"]))
        let reference = try SafeTensorsFile(contentsOf: Self.referenceDirectory.appendingPathComponent("minilm_reference.safetensors"))
        let texts = try JSONDecoder().decode([String].self,
                                             from: Data(contentsOf: Self.referenceDirectory.appendingPathComponent("texts.json")))
        let shape = try #require(reference.info("input_ids")).shape
        let (n, width) = (shape[0], shape[1])
        #expect(texts.count == n)
        let ids = try reference.integers("input_ids").map { Int($0) }
        let mask = try reference.integers("attention_mask").map { Int($0) }
        let types = try reference.integers("token_type_ids").map { Int($0) }
        let expected = try reference.floats("embeddings")

        let (model, report) = try BERTEncoder.load(directory: modelDirectory, pooler: false)
        #expect(report.isComplete)
        model.setTraining(false)

        // Batches of 8, each padded only to its own longest sentence (as a data loader would).
        var actual: [Float] = []
        let started = Date()
        try withNoGradient {
            try withComputeThreads(2) {
                for start in stride(from: 0, to: n, by: 8) {
                    let rows = Array(start..<min(start + 8, n))
                    let length = rows.map { r in mask[(r * width)..<((r + 1) * width)].reduce(0, +) }.max()!
                    func take(_ values: [Int]) -> [Int] { rows.flatMap { values[($0 * width)..<($0 * width + length)] } }
                    let e = try model.sentenceEmbeddings(inputIds: take(ids), tokenTypeIds: take(types), attentionMask: take(mask),
                                                         batch: rows.count, sequence: length)
                    actual += e.scalars
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)

        let (maxDifference, minCosine, worst) = Self.compare(actual, expected, rows: n)
        print("MiniLM check: \(n) sentences, reference \(reference.metadata["reference"] ?? "?")")
        print("MiniLM check: max |difference| per element \(maxDifference), smallest cosine \(minCosine) "
              + "(sentence \(worst): \(texts[worst].prefix(60))), \(String(format: "%.2f", seconds)) s")
        #expect(maxDifference < 1e-4)
        #expect(minCosine > 0.99999)

        // End to end: Thaw's own tokenizer on the same texts.
        let tokenizer = try WordPieceTokenizer(vocabularyFile: modelDirectory.appendingPathComponent("vocab.txt"))
        var differingTokenizations = 0
        var ownEmbeddings: [Float] = []
        try withNoGradient {
            try withComputeThreads(2) {
                for (r, text) in texts.enumerated() {
                    let encoding = tokenizer.encode(text, maxLength: 256, padding: false)
                    let length = mask[(r * width)..<((r + 1) * width)].reduce(0, +)
                    if encoding.inputIds != Array(ids[(r * width)..<(r * width + length)]) { differingTokenizations += 1 }
                    let e = try model.sentenceEmbeddings(inputIds: encoding.inputIds, tokenTypeIds: encoding.tokenTypeIds,
                                                         attentionMask: encoding.attentionMask, batch: 1,
                                                         sequence: encoding.inputIds.count)
                    ownEmbeddings += e.scalars
                }
            }
        }
        let own = Self.compare(ownEmbeddings, expected, rows: n)
        print("MiniLM check, Thaw tokenizer: \(differingTokenizations) of \(n) tokenizations differ from transformers'; "
              + "max |difference| \(own.maxDifference), smallest cosine \(own.minCosine)")
        #expect(differingTokenizations == 0)
    }

    /// Largest element difference and smallest row cosine (with the row where it occurs).
    static func compare(_ actual: [Float], _ expected: [Float], rows: Int) -> (maxDifference: Float, minCosine: Float, worst: Int) {
        let dimension = expected.count / rows
        var maxDifference: Float = 0, minCosine: Float = 1, worst = 0
        for r in 0..<rows {
            var dot: Float = 0, a2: Float = 0, b2: Float = 0
            for j in 0..<dimension {
                let a = actual[r * dimension + j], b = expected[r * dimension + j]
                maxDifference = max(maxDifference, abs(a - b))
                dot += a * b; a2 += a * a; b2 += b * b
            }
            let cosine = dot / (a2.squareRoot() * b2.squareRoot())
            if cosine < minCosine { minCosine = cosine; worst = r }
        }
        return (maxDifference, minCosine, worst)
    }
}
