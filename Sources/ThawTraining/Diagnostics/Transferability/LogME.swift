import Foundation
import ThawTensor

/// LogME (You, Liu, Wang, Long, "LogME: Practical Assessment of Pre-trained Models for Transfer
/// Learning", ICML 2021): how well a backbone's features explain the labels, as the maximum
/// log evidence of a Bayesian linear regression from features to each one-vs-all target.
///
/// Evidence integrates over the weights instead of fitting them, so it needs no
/// hyper-parameter search and rewards features that explain the labels with small weights;
/// the paper shows it tracks fine-tuned accuracy better than LEEP/NCE at a fraction of the
/// cost. Following the paper's Algorithm 1 (the "optimized" path), FᵀF is decomposed once and
/// each fixed-point step of α (prior precision) and β (noise precision) costs O(D) on the
/// spectrum. When N < D the N×N Gram FFᵀ is decomposed instead: it has the same non-zero
/// eigenvalues, and the remaining D − N eigenvalues of FᵀF are zero.
public struct LogMEResult: Sendable, Equatable {
    /// The fixed point reached for one target.
    public struct Fit: Sendable, Equatable {
        /// Maximum log evidence divided by N.
        public var evidence: Double
        public var alpha: Double
        public var beta: Double
        public var iterations: Int
        public var converged: Bool
    }

    /// The LogME score: mean of `fits[c].evidence` over the classes present in the labels.
    public var score: Double
    /// One fit per class; nil for a class with no example (its evidence is undefined).
    public var fits: [Fit?]
    /// Posterior-mean weights m, row-major D×C: column c predicts the 0/1 target of class c.
    public var weights: [Double]
    public var featureCount: Int
    public var classCount: Int

    /// The weights as a `Linear` head's weight (C×D row-major, PyTorch layout) with zero bias:
    /// the "instant linear probe" that starts LP-FT (Kumar et al., ICLR 2022) from the
    /// evidence-optimal linear readout instead of a random head.
    public var linearHeadWeight: [Float] {
        var weight = [Float](repeating: 0, count: classCount * featureCount)
        for c in 0..<classCount {
            for d in 0..<featureCount { weight[c * featureCount + d] = Float(weights[d * classCount + c]) }
        }
        return weight
    }
}

/// Options of the fixed-point iteration.
public struct LogMEOptions: Sendable, Equatable {
    /// Stop when α/β changes by less than this, relatively. The paper's code stops at 1e-3;
    /// a tighter tolerance costs a few O(D) steps and makes the score reproducible to many
    /// digits across implementations.
    public var tolerance: Double = 1e-10
    /// Also stop when the evidence per example changes by less than this, relatively: near a
    /// maximiser at infinity α/β can creep for thousands of steps while the evidence has
    /// settled to the last digits. Far tighter than `tolerance`, because the evidence is flat
    /// (quadratic) at its maximum and would stop the iteration early elsewhere.
    public var evidenceTolerance: Double = 1e-14
    public var maxIterations: Int = 1000
    public init(tolerance: Double = 1e-10, evidenceTolerance: Double = 1e-14, maxIterations: Int = 1000) {
        (self.tolerance, self.evidenceTolerance, self.maxIterations) = (tolerance, evidenceTolerance, maxIterations)
    }
}

/// LogME of classification labels (one-vs-all 0/1 targets, as in the paper).
public func logME(features: FeatureMatrix, labels: [Int], classCount: Int? = nil,
                  options: LogMEOptions = LogMEOptions()) throws -> LogMEResult {
    let count = try validatedClassCount(labels, examples: features.rows, classCount: classCount)
    let targets = (0..<count).map { c in labels.map { $0 == c ? 1.0 : 0.0 } }
    let present = (0..<count).map { c in labels.contains(c) }
    return try logME(features: features, targetColumns: targets, present: present, options: options)
}

/// LogME of real-valued targets, one column of N values per target (the paper's regression case).
public func logME(features: FeatureMatrix, targetColumns: [[Double]], options: LogMEOptions = LogMEOptions()) throws -> LogMEResult {
    try logME(features: features, targetColumns: targetColumns, present: targetColumns.map { _ in true }, options: options)
}

private func logME(features: FeatureMatrix, targetColumns: [[Double]], present: [Bool], options: LogMEOptions) throws -> LogMEResult {
    guard !targetColumns.isEmpty else { throw TransferabilityError.tooFewExamples("no targets") }
    for column in targetColumns {
        guard column.count == features.rows else {
            throw TransferabilityError.shapeMismatch("a target has \(column.count) values for \(features.rows) examples")
        }
        guard column.allSatisfy(\.isFinite) else { throw TransferabilityError.nonFinite("targets") }
    }
    let spectrum = try LogMESpectrum(features)
    let (d, k) = (features.columns, targetColumns.count)
    var fits: [LogMEResult.Fit?] = []
    var weights = [Double](repeating: 0, count: d * k)
    for (c, y) in targetColumns.enumerated() {
        guard present[c] else { fits.append(nil); continue }
        let (fit, m) = spectrum.fit(y, features: features, options: options)
        fits.append(fit)
        for j in 0..<d { weights[j * k + c] = m[j] }
    }
    let scored = fits.compactMap { $0?.evidence }
    guard !scored.isEmpty else { throw TransferabilityError.tooFewExamples("no class has an example") }
    return LogMEResult(score: scored.reduce(0, +) / Double(scored.count), fits: fits, weights: weights,
                       featureCount: d, classCount: k)
}

/// The eigen-decomposition LogME iterates on: eigenvalues s of FᵀF and their eigenvectors,
/// either in feature space (V, D×D, when N ≥ D) or in example space (U, N×N, when N < D).
struct LogMESpectrum {
    let eigenvalues: [Double]
    /// Column-major: vector i is `vectors[i*size ..< (i+1)*size]`.
    let vectors: [Double]
    let size: Int
    let inFeatureSpace: Bool

    init(_ features: FeatureMatrix) throws {
        inFeatureSpace = features.rows >= features.columns
        size = inFeatureSpace ? features.columns : features.rows
        let gram = inFeatureSpace ? features.featureGram() : features.exampleGram()
        let (values, vectors) = try symmetricEigen(gram, size: size)
        // Round-off can leave tiny negative eigenvalues of a positive semi-definite matrix.
        eigenvalues = values.map { Swift.max($0, 0) }
        self.vectors = vectors
    }

    /// Runs the fixed point for target `y`; returns the fit and the posterior mean m (D values).
    func fit(_ y: [Double], features: FeatureMatrix, options: LogMEOptions) -> (LogMEResult.Fit, [Double]) {
        let n = Double(features.rows), d = Double(features.columns)
        // Coordinates of the target on the spectrum: u = Uᵀy in the left singular basis, so that
        // ‖Fm − y‖² = r₀ + Σ (α/(α+βs))² u² and mᵀm = Σ β²s u²/(α+βs)², with r₀ the part of y
        // outside the span of F. Example space gives u directly; feature space gives
        // t = VᵀFᵀy = √s ⊙ u. Summing non-negative terms (rather than ‖y‖² minus the explained
        // part) keeps the residual accurate when the features nearly interpolate the target.
        let projected = project(inFeatureSpace ? features.transposeTimes(y) : y)
        let tiny = Double.leastNormalMagnitude.squareRoot()
        let cutoff = 1e-12 * Swift.max(eigenvalues.max() ?? 0, tiny)
        let uSquared = zip(projected, eigenvalues).map { p, s in
            inFeatureSpace ? (s > cutoff ? p * p / s : 0) : p * p
        }
        let outside = Swift.max(y.reduce(0) { $0 + $1 * $1 } - uSquared.reduce(0, +), 0)
        // Two ways the maximiser can lie at infinity, where the iteration would run away while
        // the evidence itself converges: with no linear signal α/β → ∞ (all weights 0); with
        // features that interpolate the target (N ≤ D) α/β → 0 (noise precision → ∞). Once
        // α/β is 1e10 beyond every (non-zero) eigenvalue the evidence is at its limit to ~1e-10.
        let priorDominates = 1e10 * Swift.max(eigenvalues.max() ?? 0, tiny)
        let noiseVanishes = 1e-10 * (eigenvalues.filter { $0 > cutoff }.min() ?? 0)

        var (alpha, beta) = (1.0, 1.0)
        var iterations = 0, converged = false
        var previousEvidence: Double?
        while iterations < options.maxIterations {
            iterations += 1
            var gamma = 0.0, mm = 0.0, residual = outside, logDetA = (d - Double(eigenvalues.count)) * Foundation.log(alpha)
            for (s, u2) in zip(eigenvalues, uSquared) {
                let denominator = alpha + beta * s
                gamma += beta * s / denominator
                mm += beta * beta * s * u2 / (denominator * denominator)
                residual += alpha * alpha * u2 / (denominator * denominator)
                logDetA += Foundation.log(denominator)
            }
            let evidence = Self.evidence(n: n, d: d, alpha: alpha, beta: beta, residual: residual, mm: mm, logDetA: logDetA) / n
            if let previousEvidence, abs(evidence - previousEvidence) <= options.evidenceTolerance * Swift.max(1, abs(evidence)) {
                converged = true
                break
            }
            previousEvidence = evidence
            let newAlpha = gamma / Swift.max(mm, tiny), newBeta = Swift.max(n - gamma, tiny) / Swift.max(residual, tiny)
            let change = abs(newAlpha / newBeta - alpha / beta) / (alpha / beta)
            (alpha, beta) = (newAlpha, newBeta)
            let ratio = alpha / beta
            if change < options.tolerance || ratio > priorDominates || ratio < noiseVanishes { converged = true; break }
        }

        let m = posteriorMean(projected, alpha: alpha, beta: beta, features: features)
        let fitted = features.times(m)
        let residual = zip(fitted, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let mm = m.reduce(0) { $0 + $1 * $1 }
        // log|A| over all D eigenvalues of A = αI + βFᵀF; those not in the spectrum are α.
        var logDetA = (d - Double(eigenvalues.count)) * Foundation.log(alpha)
        for s in eigenvalues { logDetA += Foundation.log(alpha + beta * s) }
        let evidence = Self.evidence(n: n, d: d, alpha: alpha, beta: beta, residual: residual, mm: mm, logDetA: logDetA)
        return (LogMEResult.Fit(evidence: evidence / n, alpha: alpha, beta: beta, iterations: iterations, converged: converged), m)
    }

    /// The log evidence L(α, β), Eq. 2 of the paper, from ‖Fm − y‖², mᵀm and log|A|.
    static func evidence(n: Double, d: Double, alpha: Double, beta: Double, residual: Double, mm: Double, logDetA: Double) -> Double {
        n / 2 * Foundation.log(beta) + d / 2 * Foundation.log(alpha) - n / 2 * Foundation.log(2 * Double.pi)
            - beta / 2 * residual - alpha / 2 * mm - logDetA / 2
    }

    /// Coordinates of `x` (length `size`) on the eigenvectors: Wᵀx.
    private func project(_ x: [Double]) -> [Double] {
        (0..<eigenvalues.count).map { i in
            var sum = 0.0
            for j in 0..<size { sum += vectors[i * size + j] * x[j] }
            return sum
        }
    }

    /// m = β A⁻¹ Fᵀy. Feature space: V diag(β/(α+βs)) t. Example space, by the push-through
    /// identity (αI + βFᵀF)⁻¹Fᵀ = Fᵀ(αI + βFFᵀ)⁻¹: m = Fᵀ U diag(β/(α+βs)) u.
    private func posteriorMean(_ projected: [Double], alpha: Double, beta: Double, features: FeatureMatrix) -> [Double] {
        var combined = [Double](repeating: 0, count: size)
        for (i, s) in eigenvalues.enumerated() {
            let coefficient = beta * projected[i] / (alpha + beta * s)
            for j in 0..<size { combined[j] += coefficient * vectors[i * size + j] }
        }
        return inFeatureSpace ? combined : features.transposeTimes(combined)
    }
}
