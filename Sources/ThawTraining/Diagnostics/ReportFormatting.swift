import Foundation

/// A number for an explanation sentence: about three significant digits, and an exponent only for
/// very large or small values, so a card reads as a sentence rather than a float dump.
func formatted(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let magnitude = abs(value)
    if magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-3) { return String(format: "%.2e", value) }
    let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
    return String(format: "%.\(decimals)f", value)
}
