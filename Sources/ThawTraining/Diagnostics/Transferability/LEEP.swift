import Foundation

/// LEEP, the Log Expected Empirical Prediction (Nguyen, Hassner, Seeger, Archambeau, "LEEP: A New
/// Measure to Evaluate Transferability of Learned Representations", ICML 2020).
///
/// For a backbone that keeps its source classifier: the source model's soft predictions θ(x)
/// over source classes z are turned into an empirical conditional P̂(y | z) on the target data,
/// and LEEP is the mean log-likelihood of the target labels under the "expected empirical
/// predictor" Σ_z P̂(y | z) θ(x)_z. It needs one forward pass and no training, and the paper
/// shows it upper-bounds (in expectation) the log-likelihood a re-trained head could reach
/// on top of the frozen source classifier. Always ≤ 0; closer to 0 is better.
///
/// - Parameters:
///   - sourceProbabilities: N×Z row-major, each row the source model's softmax on a target example.
///   - sourceClassCount: Z.
///   - labels: N target labels in `0..<classCount`.
public func leep(sourceProbabilities: [Double], sourceClassCount z: Int, labels: [Int], classCount: Int? = nil) throws -> Double {
    let n = labels.count
    guard n > 0, z > 0, sourceProbabilities.count == n * z else {
        throw TransferabilityError.shapeMismatch("source predictions: \(sourceProbabilities.count) values for \(n)×\(z)")
    }
    guard sourceProbabilities.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw TransferabilityError.nonFinite("source probabilities (or negative values)")
    }
    let c = try validatedClassCount(labels, examples: n, classCount: classCount)

    // Empirical joint P̂(y, z) = (1/n) Σ_{i: yᵢ = y} θ(xᵢ)_z (Eq. 1), its marginal P̂(z), and the
    // conditional P̂(y | z) = P̂(y, z) / P̂(z) (Eq. 2).
    var joint = [Double](repeating: 0, count: c * z)
    for (i, y) in labels.enumerated() {
        for s in 0..<z { joint[y * z + s] += sourceProbabilities[i * z + s] / Double(n) }
    }
    var marginal = [Double](repeating: 0, count: z)
    for y in 0..<c {
        for s in 0..<z { marginal[s] += joint[y * z + s] }
    }
    // A source class no example puts mass on has θ_z = 0 everywhere, so its P̂(y | z) never
    // contributes; leave it 0 rather than divide by 0.
    let conditional = (0..<(c * z)).map { index in
        marginal[index % z] > 0 ? joint[index] / marginal[index % z] : 0
    }

    // LEEP = (1/n) Σᵢ log Σ_z P̂(yᵢ | z) θ(xᵢ)_z (Eq. 3).
    var total = 0.0
    for (i, y) in labels.enumerated() {
        var expected = 0.0
        for s in 0..<z { expected += conditional[y * z + s] * sourceProbabilities[i * z + s] }
        total += Foundation.log(Swift.max(expected, Double.leastNormalMagnitude))
    }
    return total / Double(n)
}
