import Foundation

/// How the monitor writes numbers: exactly for `--once` (a script must get the number that
/// was logged), short for panels.
public enum ValueText {
    /// The shortest text that reads back as the same value. A value that is exactly a
    /// 32-bit float — every TensorBoard `simple_value` — is written as that float, so 0.1
    /// logged as float32 prints "0.1", not "0.10000000149011612". "nan", "inf", "-inf" for
    /// the non-finite, and integers without ".0".
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let float = Float(value)
        var text = float.isFinite && Double(float) == value ? "\(float)" : "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A step: an integer when it is one.
    public static func step(_ step: Double) -> String {
        step.isFinite && step == step.rounded() && abs(step) < 1e15 ? String(Int64(step)) : exact(step)
    }

    /// Four significant digits ("0.9132", "1.2e-05", "1234"), for narrow panels.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return exact(value) }
        return String(format: "%.4g", value)
    }
}
