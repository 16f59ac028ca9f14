import Foundation

/// NCE, the Negative Conditional Entropy −H(Y | Z) of target labels Y given the source model's
/// hard labels Z (Tran, Nguyen, Hassner, "Transferability and Hardness of Supervised
/// Classification Tasks", ICCV 2019).
///
/// The paper proves the log-likelihood of the transferred model is bounded below by −H(Y | Z)
/// plus a term that does not depend on the target, so a source labelling that determines the
/// target labels (H = 0) is the most transferable. Only the source head's argmax is needed.
/// Always ≤ 0; closer to 0 is better.
public func nce(sourceLabels: [Int], sourceClassCount z: Int? = nil, labels: [Int], classCount: Int? = nil) throws -> Double {
    let n = labels.count
    guard n > 0, sourceLabels.count == n else {
        throw TransferabilityError.shapeMismatch("\(sourceLabels.count) source labels for \(n) examples")
    }
    let c = try validatedClassCount(labels, examples: n, classCount: classCount)
    let zCount = try validatedClassCount(sourceLabels, examples: n, classCount: z)

    // Empirical joint P̂(y, z) from counts, and the marginal P̂(z).
    var joint = [Double](repeating: 0, count: c * zCount)
    var marginal = [Double](repeating: 0, count: zCount)
    for (y, s) in zip(labels, sourceLabels) {
        joint[y * zCount + s] += 1 / Double(n)
        marginal[s] += 1 / Double(n)
    }
    // −H(Y | Z) = Σ_{y,z} P̂(y, z) log (P̂(y, z) / P̂(z)).
    var total = 0.0
    for y in 0..<c {
        for s in 0..<zCount where joint[y * zCount + s] > 0 {
            total += joint[y * zCount + s] * Foundation.log(joint[y * zCount + s] / marginal[s])
        }
    }
    return total
}

/// NCE from the source model's soft predictions (N×Z row-major): Z is their argmax (the
/// lowest index on a tie).
public func nce(sourceProbabilities: [Double], sourceClassCount z: Int, labels: [Int], classCount: Int? = nil) throws -> Double {
    let n = labels.count
    guard n > 0, z > 0, sourceProbabilities.count == n * z else {
        throw TransferabilityError.shapeMismatch("source predictions: \(sourceProbabilities.count) values for \(n)×\(z)")
    }
    guard sourceProbabilities.allSatisfy(\.isFinite) else { throw TransferabilityError.nonFinite("source probabilities") }
    let hard = (0..<n).map { i in
        var best = 0
        for s in 1..<z where sourceProbabilities[i * z + s] > sourceProbabilities[i * z + best] { best = s }
        return best
    }
    return try nce(sourceLabels: hard, sourceClassCount: z, labels: labels, classCount: classCount)
}
