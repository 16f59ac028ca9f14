/// One logged value of a tag: the step it was logged at and the value, which may be NaN or
/// ±∞ (kept, so a chart can show the gap and a summary can count it).
public struct ScalarPoint: Hashable, Sendable {
    /// TensorBoard steps are 64-bit integers; JSONL and CSV steps may be fractional epochs.
    /// Integers up to 2⁵³ are exact in a Double.
    public var step: Double
    public var value: Double

    public init(step: Double, value: Double) {
        self.step = step
        self.value = value
    }

    /// NaN equals NaN here: a logged NaN is a fact about the run, and two snapshots holding
    /// the same NaN point are the same snapshot.
    public static func == (a: ScalarPoint, b: ScalarPoint) -> Bool {
        a.step == b.step && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(step)
        hasher.combine(value.isNaN ? Double.nan.bitPattern : (value == 0 ? 0 : value.bitPattern))
    }
}

/// Which way a tag improves. Log files do not say, so it is guessed from the tag's name:
/// accuracy-like names improve upwards, everything else (losses, errors, perplexity) down.
public enum MetricDirection: String, Hashable, Sendable {
    case lowerIsBetter = "min"
    case higherIsBetter = "max"

    /// Name fragments of metrics that improve upwards.
    static let higherFragments = ["acc", "f1", "precision", "recall", "auc", "score", "iou", "map", "bleu", "rouge",
                                  "top1", "top5", "top-1", "top-5", "dice", "r2", "reward", "return", "correct"]

    /// Guessed from the last component of the tag ("val/accuracy" → higher is better).
    public init(guessingFrom tag: String) {
        let name = tag.split(separator: "/").last.map { $0.lowercased() } ?? tag.lowercased()
        self = Self.higherFragments.contains { name.contains($0) } ? .higherIsBetter : .lowerIsBetter
    }

    /// True when `a` is strictly better than `b`.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        self == .lowerIsBetter ? a < b : a > b
    }

    /// True when `a` is at least as good as `b`.
    public func isAtLeastAsGood(_ a: Double, as b: Double) -> Bool {
        self == .lowerIsBetter ? a <= b : a >= b
    }
}
