import ThawTensor

/// One reference workload of `../shared/bench` (same shapes, batch sizes and optimizers as
/// `torch_bench.py`), ready to time: `step(i)` runs one full step on pool batch `i % 4`.
struct BenchWorkload: Sendable {
    let name: String
    let batch: Int
    let full: Plan
    let quick: Plan
    /// Builds the model, optimizer and batch pool; called once, outside the timed region.
    let prepare: @Sendable () throws -> (Int) throws -> Void

    struct Plan: Sendable {
        let warmup: Int
        let steps: Int
        let repeats: Int
    }

    /// Distinct random batches cycled through, as the PyTorch script does.
    static let poolSize = 4
    static let seed: UInt64 = 1234

    static let all: [BenchWorkload] = [.mlpDigits, .cnn28, .resnet18CIFAR, .resnet18Features, .resnet18CIFARFrozen, .miniLMFinetune]

    static func named(_ name: String) -> BenchWorkload? { all.first { $0.name == name } }
}

/// Random class labels for the batch pool.
func randomLabels(_ count: Int, classes: Int, generator: inout SeededGenerator) -> [Int] {
    (0..<count).map { _ in Int(generator.next() % UInt64(classes)) }
}
