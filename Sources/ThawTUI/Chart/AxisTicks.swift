import Foundation

/// Tick positions and labels for chart axes: "nice" steps (1, 2, 5 × 10ⁿ; round time
/// units), and labels short enough to fit beside a small chart.
public enum AxisTicks {
    /// Multiples of a nice step inside `range`, aiming for about `target` ticks.
    public static func linear(_ range: ClosedRange<Double>, target: Int) -> (ticks: [Double], step: Double) {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite, target > 0 else { return ([range.lowerBound], 1) }
        let step = niceStep(span / Double(target))
        let first = (range.lowerBound / step).rounded(.up)
        var ticks: [Double] = []
        var k = first
        while k * step <= range.upperBound + step * 1e-9, ticks.count < 1000 {
            ticks.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
            k += 1
        }
        return (ticks, step)
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let r = raw / magnitude
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude
    }

    /// Ticks for a log axis, given the range in log10 units: powers of ten (thinned when
    /// there are too many), or nice linear values when the range is under two decades.
    public static func log(_ log10Range: ClosedRange<Double>, target: Int) -> [Double] {
        let lo = log10Range.lowerBound.rounded(.up), hi = log10Range.upperBound.rounded(.down)
        if hi - lo >= 1 {
            let count = Int(hi - lo) + 1
            let stride = max(1, Int((Double(count) / Double(max(1, target))).rounded(.up)))
            return Swift.stride(from: lo, through: hi, by: Double(stride)).map { $0 }
        }
        let linearRange = pow(10, log10Range.lowerBound)...pow(10, log10Range.upperBound)
        return linear(linearRange, target: target).ticks.filter { $0 > 0 }.map { log10($0) }
    }

    /// A compact number: decimals chosen from the tick step, k/M/G suffixes for large
    /// values, scientific notation for very small ones.
    public static func format(_ v: Double, step: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e9 { return trim(v / 1e9, step: step / 1e9) + "G" }
        if a >= 1e6 { return trim(v / 1e6, step: step / 1e6) + "M" }
        if a >= 1e4 { return trim(v / 1e3, step: step / 1e3) + "k" }
        if a < 1e-3 { return scientific(v) }
        return trim(v, step: step)
    }

    /// Label for a log-axis tick given as log10 value: "1e-4", "0.01", "1", "100", "1k".
    public static func formatLog(_ exponent: Double) -> String {
        let v = pow(10, exponent)
        if exponent == exponent.rounded(), exponent < -2 { return "1e\(Int(exponent))" }
        return format(v, step: exponent == exponent.rounded() ? v : v / 10)
    }

    static func trim(_ v: Double, step: Double) -> String {
        let decimals = step > 0 && step < 1 ? min(6, Int((-log10(step)).rounded(.up))) : 0
        return String(format: "%.\(decimals)f", v)
    }

    static func scientific(_ v: Double) -> String {
        let exponent = Int(log10(abs(v)).rounded(.down))
        let mantissa = v / pow(10, Double(exponent))
        let m = (mantissa * 10).rounded() / 10
        let mText = m == m.rounded() ? String(Int(m)) : String(format: "%.1f", m)
        return "\(mText)e\(exponent)"
    }

    /// Round durations for a wall-time axis, in seconds.
    static let timeSteps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
                                      10800, 21600, 43200, 86400]

    public static func time(_ range: ClosedRange<Double>, target: Int) -> (ticks: [Double], step: Double) {
        let span = range.upperBound - range.lowerBound
        guard span > 0, target > 0 else { return ([range.lowerBound], 1) }
        let raw = span / Double(target)
        let step = timeSteps.first { $0 >= raw } ?? niceStep(raw / 86400) * 86400
        let start = (range.lowerBound / step).rounded(.up) * step
        return (Swift.stride(from: start, through: range.upperBound + 1e-9, by: step).prefix(1000).map { $0 }, step)
    }

    /// "45s", "2m", "2m30s", "1h", "1h05m", "2d".
    public static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        let sign = s < 0 ? "-" : ""
        let a = abs(s)
        if a < 60 { return "\(sign)\(a)s" }
        if a < 3600 { return a % 60 == 0 ? "\(sign)\(a / 60)m" : "\(sign)\(a / 60)m\(pad2(a % 60))s" }
        if a < 86400 { return a % 3600 == 0 ? "\(sign)\(a / 3600)h" : "\(sign)\(a / 3600)h\(pad2(a % 3600 / 60))m" }
        return a % 86400 == 0 ? "\(sign)\(a / 86400)d" : "\(sign)\(a / 86400)d\(a % 86400 / 3600)h"
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
