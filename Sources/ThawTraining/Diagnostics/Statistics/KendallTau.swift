/// Kendall's rank correlation τ_b (Kendall, "The treatment of ties in ranking problems",
/// Biometrika 1945) between two scorings of the same items.
///
/// Transferability metrics live on unrelated scales (LogME is a log evidence per example,
/// H-score a trace), so only their orderings can be compared; τ counts agreeing minus
/// disagreeing pairs, and the b variant stays in [−1, 1] when a metric ties two candidates.
/// Returns nil when it is undefined (fewer than two items, or one scoring ties everything).
func kendallTauB(_ a: [Double], _ b: [Double]) -> Double? {
    precondition(a.count == b.count, "Kendall τ needs paired scores")
    var concordant = 0, discordant = 0, tiesA = 0, tiesB = 0
    for i in 0..<a.count {
        for j in (i + 1)..<a.count {
            let da = a[i] - a[j], db = b[i] - b[j]
            if da == 0 { tiesA += 1 }
            if db == 0 { tiesB += 1 }
            if da != 0 && db != 0 {
                if (da > 0) == (db > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
    }
    let pairs = a.count * (a.count - 1) / 2
    let denominator = (Double(pairs - tiesA) * Double(pairs - tiesB)).squareRoot()
    guard pairs > 0, denominator > 0 else { return nil }
    return Double(concordant - discordant) / denominator
}

/// Ranks (1 = highest score) with tied scores sharing the mean of their positions, the usual
/// convention for averaging ranks across metrics.
func descendingRanks(_ scores: [Double]) -> [Double] {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var ranks = [Double](repeating: 0, count: scores.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
        let shared = Double(start + end) / 2 + 1
        for position in start...end { ranks[order[position]] = shared }
        start = end + 1
    }
    return ranks
}
