/// Inverted dropout: zeroes each element with probability `p` and scales survivors by
/// 1/(1−p), so evaluation needs no rescaling. The mask comes from the caller's generator, so
/// a seeded run drops the same units every time.
public func dropout(_ x: Tensor, probability p: Float, generator: inout SeededGenerator) -> Tensor {
    precondition(p >= 0 && p <= 1, "dropout probability \(p) outside [0, 1]")
    if p == 0 { return x }
    let keepScale: Float = p == 1 ? 0 : 1 / (1 - p)
    var values = [Float](repeating: 0, count: x.count)
    for i in values.indices where generator.nextUniform() >= p { values[i] = keepScale }
    let mask = Tensor(shape: x.shape, scalars: values)
    return Tensor.record(x.zip(mask, Times()), .dropout(x, mask: mask), inputs: x)
}
