import Foundation

/// Short, locale-independent number formats for narrow panels. Always ASCII, so they read
/// the same under `LANG=C`.
enum Format {
    /// Up to four significant digits; scientific for very small or large magnitudes
    /// ("0.001", "3.2e-5", "25", "1e4").
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let a = abs(v)
        if a < 1e-3 || a >= 1e5 {
            var mantissa = String(format: "%.2g", v / pow(10, floor(log10(a))))
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            let exponent = Int(floor(log10(a)))
            // %.2g can round up to 10 (9.99 → "10"); fold it into the exponent.
            if mantissa == "10" || mantissa == "-10" { return (v < 0 ? "-" : "") + "1e\(exponent + 1)" }
            return "\(mantissa)e\(exponent)"
        }
        var text = String(format: "%.4g", v)
        if text.contains("e") { text = String(format: "%.4f", v) }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Fixed decimals ("0.4213").
    static func fixed(_ v: Double, _ decimals: Int = 4) -> String {
        v.isFinite ? String(format: "%.\(decimals)f", v) : number(v)
    }

    /// Parameter counts: "812", "25.4k", "11.2M".
    static func count(_ n: Int) -> String {
        let a = abs(n)
        if a < 1000 { return "\(n)" }
        if a < 1_000_000 { return trimmed(Double(n) / 1e3) + "k" }
        if a < 1_000_000_000 { return trimmed(Double(n) / 1e6) + "M" }
        return trimmed(Double(n) / 1e9) + "G"
    }

    private static func trimmed(_ v: Double) -> String {
        let text = String(format: abs(v) < 10 ? "%.2f" : (abs(v) < 100 ? "%.1f" : "%.0f"), v)
        guard text.contains(".") else { return text }
        var t = text
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// "92.3%".
    static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "-" }
        return String(format: "%.1f%%", fraction * 100)
    }

    /// "45s", "3m05s", "1h02m".
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "-" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }
}
