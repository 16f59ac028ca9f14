/// The Ledoit–Wolf shrinkage estimate of a covariance matrix (Ledoit & Wolf, "A well-conditioned
/// estimator for large-dimensional covariance matrices", J. Multivariate Analysis 2004):
/// Σ* = (1 − ρ) S + ρ μ I, with S the sample covariance, μ = tr(S)/D its mean eigenvalue, and ρ
/// the weight that minimises the expected squared Frobenius error, estimated from the data.
///
/// With a few hundred examples of 512–2048 features, S is singular or nearly so and its
/// inverse (which H-score needs) is dominated by noise; Ibrahim et al. (arXiv:2110.06893,
/// "Newer is not always better: Rethinking transferability metrics, their peculiarities,
/// stability and performance") show this is why plain H-score ranks backbones erratically,
/// and that this shrinkage fixes it.
struct ShrinkageCovariance {
    /// S = XᵀX / N of the centred features (D×D row-major, maximum-likelihood normalisation).
    let sample: [Double]
    let dimension: Int
    /// μ = tr(S) / D.
    let meanVariance: Double
    /// ρ ∈ [0, 1].
    let shrinkage: Double

    init(centred x: FeatureMatrix) {
        let (n, p) = (Double(x.rows), x.columns)
        sample = x.featureGram().map { $0 / n }
        dimension = p
        var trace = 0.0
        for j in 0..<p { trace += sample[j * p + j] }
        meanVariance = trace / Double(p)
        let frobeniusSquared = sample.reduce(0) { $0 + $1 * $1 }

        // With the paper's normalised norm ‖A‖² = tr(AAᵀ)/D:
        //   d² = ‖S − μI‖² = (‖S‖²_F − Dμ²)/D,
        //   b̄² = (1/N²) Σₖ ‖xₖxₖᵀ − S‖² = (Σₖ‖xₖ‖⁴ − N‖S‖²_F)/(N²D)
        // (using Σₖ xₖᵀ S xₖ = N‖S‖²_F), b² = min(b̄², d²), ρ = b²/d².
        let distance = (frobeniusSquared - Double(p) * meanVariance * meanVariance) / Double(p)
        var fourthMoments = 0.0
        for i in 0..<x.rows {
            var squaredNorm = 0.0
            for j in 0..<p { squaredNorm += x[i, j] * x[i, j] }
            fourthMoments += squaredNorm * squaredNorm
        }
        let spread = Swift.max((fourthMoments - n * frobeniusSquared) / (n * n * Double(p)), 0)
        shrinkage = distance > 0 ? Swift.min(spread, distance) / distance : 0
    }
}
