/// Linear centred kernel alignment (Kornblith, Norouzi, Lee, Hinton, "Similarity of Neural
/// Network Representations Revisited", ICML 2019, Eq. 5 / Sec. 3):
/// CKA(X, Y) = ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F) for column-centred X (N×P) and Y (N×Q).
///
/// CKA compares two representations of the same examples invariantly to rotation and
/// isotropic scaling, but not to arbitrary invertible maps, so it moves when fine-tuning
/// actually changes what a layer encodes and stays at 1 when the layer only rescales; the paper
/// shows it identifies corresponding layers where CCA-based measures fail. The feature-space
/// form costs N·(P+Q)² and the Gram form N²·(P+Q); the cheaper one is used.
public func linearCKA(_ x: FeatureMatrix, _ y: FeatureMatrix) throws -> Double {
    guard x.rows == y.rows else {
        throw TransferabilityError.shapeMismatch("CKA compares the same examples: \(x.rows) vs \(y.rows) rows")
    }
    guard x.rows >= 2 else { throw TransferabilityError.tooFewExamples("CKA needs at least 2 examples") }
    let (a, b) = (x.centred(), y.centred())
    let (n, p, q) = (a.rows, a.columns, b.columns)
    let cross: Double, selfA: Double, selfB: Double
    if p + q <= n {
        cross = frobeniusSquaredOfCross(a, b)
        selfA = frobeniusSquaredOfCross(a, a)
        selfB = frobeniusSquaredOfCross(b, b)
    } else {
        // ‖YᵀX‖²_F = ⟨XXᵀ, YYᵀ⟩ for centred X, Y (the HSIC form without 1/(n−1)²).
        let (k, l) = (a.exampleGram(), b.exampleGram())
        cross = zip(k, l).reduce(0) { $0 + $1.0 * $1.1 }
        selfA = k.reduce(0) { $0 + $1 * $1 }
        selfB = l.reduce(0) { $0 + $1 * $1 }
    }
    let denominator = (selfA * selfB).squareRoot()
    // A constant representation has no structure to compare; call it unrelated.
    return denominator > 0 ? cross / denominator : 0
}

/// ‖AᵀB‖²_F, accumulating AᵀB (P×Q) one example at a time.
private func frobeniusSquaredOfCross(_ a: FeatureMatrix, _ b: FeatureMatrix) -> Double {
    let (p, q) = (a.columns, b.columns)
    var product = [Double](repeating: 0, count: p * q)
    for i in 0..<a.rows {
        for r in 0..<p {
            let scale = a.values[i * p + r]
            if scale == 0 { continue }
            for s in 0..<q { product[r * q + s] += scale * b.values[i * q + s] }
        }
    }
    return product.reduce(0) { $0 + $1 * $1 }
}
