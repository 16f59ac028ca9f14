import Foundation

/// What the attention backward pass reuses: the attention probabilities and the scale.
struct AttentionSaved {
    let probabilities: Tensor
    let scale: Float
}

/// Scaled dot-product attention, `softmax(q·kᵀ·scale + mask)·v`, as BERT computes it.
///
/// Shapes: `query (B, H, Sq, D)`, `key (B, H, Sk, D)`, `value (B, H, Sk, Dv)` → `(B, H, Sq, Dv)`.
/// `keyPaddingMask` holds B·Sk flags, true for real tokens; padded keys get the most negative
/// finite score added (as Hugging Face does), so a row with every key padded degrades to a
/// uniform average instead of NaN.
public func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor,
                                      keyPaddingMask: [Bool]? = nil, scale: Float? = nil) -> Tensor {
    precondition(query.rank == 4 && key.rank == 4 && value.rank == 4, "attention needs (B, H, S, D) tensors")
    let (b, h, sq, d) = (query.shape[0], query.shape[1], query.shape[2], query.shape[3])
    let sk = key.shape[2]
    precondition(key.shape == [b, h, sk, d], "attention key shape \(key.shape) does not match query \(query.shape)")
    precondition(value.shape[0] == b && value.shape[1] == h && value.shape[2] == sk, "attention value shape \(value.shape) does not match key \(key.shape)")
    if let keyPaddingMask { precondition(keyPaddingMask.count == b * sk, "key padding mask needs \(b * sk) flags, got \(keyPaddingMask.count)") }
    let s = scale ?? 1 / Float(d).squareRoot()
    let scores = MatmulKernel.forward(query, key, transposeA: false, transposeB: true)
    let sp = scores.pointer
    let threads = ComputeContext.current.threads
    let probabilities = Tensor.filling(scores.shape) { dst in
        forEachChunk(of: b * h * sq, threads: threads, work: 4 * scores.count) { rows in
            for row in rows {
                let batch = row / (h * sq)
                let src = sp + row * sk
                for j in 0..<sk {
                    src[j] *= s
                    if let keyPaddingMask, !keyPaddingMask[batch * sk + j] { src[j] += -Float.greatestFiniteMagnitude }
                }
                SoftmaxKernel.row(src, dst + row * sk, n: sk, stride: 1, log: false)
            }
        }
    }
    let out = MatmulKernel.forward(probabilities, value, transposeA: false, transposeB: false)
    return Tensor.record(out, .attention(query: query, key: key, value: value,
                                         AttentionSaved(probabilities: probabilities, scale: s)),
                         inputs: query, key, value)
}

enum AttentionGradients {
    /// Returns (dQuery, dKey, dValue) for upstream gradient `g (B, H, Sq, Dv)`.
    static func backward(_ g: Tensor, query: Tensor, key: Tensor, value: Tensor, saved: AttentionSaved,
                         need: (Bool, Bool, Bool)) -> (Tensor?, Tensor?, Tensor?) {
        let p = saved.probabilities
        let dValue = need.2 ? MatmulKernel.forward(p, g, transposeA: true, transposeB: false) : nil
        guard need.0 || need.1 else { return (nil, nil, dValue) }
        // dS = P ⊙ (dP − Σⱼ dP⊙P) · scale, with dP = g·vᵀ
        let dP = MatmulKernel.forward(g, value.detached, transposeA: false, transposeB: true)
        let sk = p.shape[3], rows = p.count / Swift.max(sk, 1)
        let pp = p.pointer, dpp = dP.pointer
        let dScores = Tensor.filling(p.shape) { dst in
            for r in 0..<rows {
                let base = r * sk
                var dot: Float = 0
                for j in 0..<sk { dot += dpp[base + j] * pp[base + j] }
                for j in 0..<sk { dst[base + j] = pp[base + j] * (dpp[base + j] - dot) * saved.scale }
            }
        }
        let dQuery = need.0 ? MatmulKernel.forward(dScores, key.detached, transposeA: false, transposeB: false) : nil
        let dKey = need.1 ? MatmulKernel.forward(dScores, query.detached, transposeA: true, transposeB: false) : nil
        return (dQuery, dKey, dValue)
    }
}
