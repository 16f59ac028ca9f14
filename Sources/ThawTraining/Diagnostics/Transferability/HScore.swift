import ThawTensor

/// H-score (Bao, Li, Huang, Zhang, Zheng, Tong, "An Information-Theoretic Approach to
/// Transferability in Task Transfer Learning", ICIP 2019): tr(cov(f)⁻¹ cov(E[f | y])), how much
/// of the feature variance lies between the class means — the asymptotic error exponent of
/// a linear classifier on those features, larger is better.
///
/// `score` uses the shrinkage form of Ibrahim et al. (arXiv:2110.06893):
/// H_α = tr(Σ_α⁻¹ (1 − α) cov(E[f | y])) with Σ_α the Ledoit–Wolf estimate (α its shrinkage),
/// because the plain inverse of an ill-conditioned covariance makes H-score unstable.
public struct HScoreResult: Sendable, Equatable {
    /// H_α, the shrinkage H-score.
    public var score: Double
    /// The original H-score with the Moore–Penrose pseudo-inverse of cov(f) (eigenvalues below
    /// 1e-12 of the largest dropped); unstable when N is not much larger than D.
    public var unregularised: Double
    /// The Ledoit–Wolf shrinkage α.
    public var shrinkage: Double
}

public func hScore(features: FeatureMatrix, labels: [Int], classCount: Int? = nil) throws -> HScoreResult {
    let c = try validatedClassCount(labels, examples: features.rows, classCount: classCount)
    guard features.rows >= 2 else { throw TransferabilityError.tooFewExamples("H-score needs at least 2 examples") }
    let x = features.centred()
    let (n, d) = (x.rows, x.columns)
    let covariance = ShrinkageCovariance(centred: x)

    // Class means g_c of the centred features and class frequencies p_c: cov(E[f | y]) is
    // Σ_c p_c g_c g_cᵀ (the overall mean is 0 after centring).
    var means = [Double](repeating: 0, count: c * d)
    var counts = [Double](repeating: 0, count: c)
    for (i, y) in labels.enumerated() {
        counts[y] += 1
        for j in 0..<d { means[y * d + j] += x[i, j] }
    }
    for y in 0..<c where counts[y] > 0 {
        for j in 0..<d { means[y * d + j] /= counts[y] }
    }

    // In the eigenbasis of S (eigenvalues s_j, vectors v_j), Σ_α has eigenvalues
    // (1 − α)s_j + αμ, so tr(Σ_α⁻¹ B) = Σ_j v_jᵀ B v_j / ((1 − α)s_j + αμ), with
    // v_jᵀ B v_j = Σ_c p_c (v_jᵀ g_c)².
    let (values, vectors) = try symmetricEigen(covariance.sample, size: d)
    let alpha = covariance.shrinkage
    let cutoff = 1e-12 * Swift.max(values.last ?? 0, 0)
    var shrunk = 0.0, plain = 0.0
    for j in 0..<d {
        var between = 0.0
        for y in 0..<c where counts[y] > 0 {
            var projection = 0.0
            for k in 0..<d { projection += vectors[j * d + k] * means[y * d + k] }
            between += counts[y] / Double(n) * projection * projection
        }
        let s = Swift.max(values[j], 0)
        let denominator = (1 - alpha) * s + alpha * covariance.meanVariance
        if denominator > 0 { shrunk += (1 - alpha) * between / denominator }
        if s > cutoff { plain += between / s }
    }
    return HScoreResult(score: shrunk, unregularised: plain, shrinkage: alpha)
}
