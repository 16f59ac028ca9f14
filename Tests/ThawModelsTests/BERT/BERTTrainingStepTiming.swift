import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor

/// One fine-tuning step of a MiniLM-L6-size classifier, the `minilm-finetune` workload of
/// `../shared/bench` (seq 64, batch 16, no padding, dropout 0, mean pool, linear 384→2,
/// cross-entropy, then a plain SGD update where the bench uses AdamW). A measurement, not a
/// check: run it in release with
/// `THAW_BERT_BENCH=1 swift test -c release --scratch-path .build-bert --filter BERTTrainingStep`.
/// Knobs: THAW_BERT_BENCH_THREADS (2), THAW_BERT_BENCH_DROPOUT (0). On a shared machine the
/// spread is wide (the second kernel thread only helps when a core is free): repeat it and
/// read the minimum as well as the median.
@Suite("BERT training step timing (THAW_BERT_BENCH)")
struct BERTTrainingStepTiming {
    struct Timings {
        var forward: [Double] = [], backward: [Double] = [], update: [Double] = []
        var allFinite = true
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["THAW_BERT_BENCH"] != nil, "set THAW_BERT_BENCH=1"))
    func miniLMTrainingStep() throws {
        let environment = ProcessInfo.processInfo.environment
        let threads = Int(environment["THAW_BERT_BENCH_THREADS"] ?? "") ?? 2
        let dropout = Float(environment["THAW_BERT_BENCH_DROPOUT"] ?? "") ?? 0
        let t = try withComputeThreads(threads) { try Self.measure(dropout: dropout) }
        #expect(t.allFinite)

        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        let total = zip(zip(t.forward, t.backward), t.update).map { $0.0 + $0.1 + $1 }
        let kernel = (try? blasKernelInfo().get()).map { "\($0)" } ?? "OpenBLAS not loaded"
        print("BERT training step: OpenBLAS kernel \(kernel)")
        print(String(format: "BERT training step (threads %d, dropout %.1f): forward %.0f ms, backward %.0f ms, update %.0f ms, "
                     + "step %.0f ms median (min %.0f) = %.1f samples/s",
                     threads, dropout, median(t.forward), median(t.backward), median(t.update), median(total), total.min()!,
                     16 / median(total) * 1000))
    }

    static func measure(dropout: Float, steps: Int = 6, warmup: Int = 2) throws -> Timings {
        var config = BERTConfig.miniLML6
        (config.hiddenDropout, config.attentionDropout) = (dropout, dropout)
        let (batch, sequence) = (16, 64)
        let model = try BERTClassifier(config: config, classes: 2, seed: 1)
        model.setTraining(true)
        var generator = SeededGenerator(seed: 1234)
        let pool = (0..<4).map { _ in
            (ids: (0..<(batch * sequence)).map { _ in 1 + Int(generator.next() % UInt64(config.vocabularySize - 1)) },
             labels: (0..<batch).map { _ in Int(generator.next() % 2) })
        }
        let mask = [Int](repeating: 1, count: batch * sequence)
        let parameters = model.parameters
        var timings = Timings()
        for step in 0..<(warmup + steps) {
            let data = pool[step % pool.count]
            let t0 = Date()
            let logits = try model(inputIds: data.ids, attentionMask: mask, batch: batch, sequence: sequence)
            let loss = softmaxCrossEntropy(logits: logits, targets: data.labels)
            let t1 = Date()
            let grads = gradients(of: loss)
            let t2 = Date()
            withNoGradient {
                for p in parameters {
                    guard let g = grads[p] else { continue }
                    g.withUnsafeBufferPointer { gb in p.update { w in for i in w.indices { w[i] -= 2e-5 * gb[i] } } }
                }
            }
            let t3 = Date()
            guard step >= warmup else { continue } // allocator and OpenBLAS first calls
            timings.forward.append(t1.timeIntervalSince(t0) * 1000)
            timings.backward.append(t2.timeIntervalSince(t1) * 1000)
            timings.update.append(t3.timeIntervalSince(t2) * 1000)
            timings.allFinite = timings.allFinite && loss.scalar.isFinite
        }
        return timings
    }
}
