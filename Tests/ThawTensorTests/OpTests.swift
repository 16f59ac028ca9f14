import Testing
import ThawTensor
import ThawTestSupport

/// Forward values with the expected numbers worked out by hand (comments show the maths).
@Suite("Op values")
struct OpTests {
    let m23 = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])

    @Test func broadcastingAddsRowsAndColumns() {
        // [[1,2,3],[4,5,6]] + [10,20,30] and + [[100],[200]]
        #expect((m23 + Tensor(shape: [3], scalars: [10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((m23 + Tensor(shape: [2, 1], scalars: [100, 200])).scalars == [101, 102, 103, 204, 205, 206])
        let outer = Tensor(shape: [2, 1], scalars: [1, 2]) * Tensor(shape: [1, 3], scalars: [1, 10, 100])
        #expect(outer.shape == [2, 3] && outer.scalars == [1, 10, 100, 2, 20, 200])
        #expect((m23 - 1).scalars == [0, 1, 2, 3, 4, 5])
        #expect((2 / Tensor(shape: [2], scalars: [4, 8])).scalars == [0.5, 0.25])
    }

    @Test func reductions() {
        #expect(m23.sum().scalar == 21)
        #expect(m23.sum(axis: 0).scalars == [5, 7, 9])
        #expect(m23.sum(axis: 1, keepingDims: true).shape == [2, 1])
        #expect(m23.mean(axis: 1).scalars == [2, 5])
        #expect(m23.max(axis: 1).scalars == [3, 6])
        #expect(m23.argmax(axis: 0) == [1, 1, 1])
        // var([1,2,3]) unbiased = 1; biased = 2/3
        #expect(m23.variance(axes: [1]).scalars == [1, 1])
        #expect(abs(m23.variance(axes: [1], correction: 0).scalars[0] - 2.0 / 3.0) < 1e-6)
        let cube = Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(cube.sum(axes: [0, 2]).scalars == [14, 22]) // 1+2+5+6, 3+4+7+8
    }

    @Test func maxPropagatesNaNAndReluKeepsIt() {
        let x = Tensor(shape: [3], scalars: [1, .nan, 2])
        #expect(x.max(axis: 0).scalar.isNaN)
        #expect(x.relu().scalars[1].isNaN)
        #expect(!x.isFinite)
    }

    @Test func layoutOps() {
        #expect(m23.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(m23.reshaped([3, -1]).shape == [3, 2])
        #expect(m23.slice(axis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(Tensor.concat([m23, m23.slice(axis: 1, 0..<1)], axis: 1).scalars == [1, 2, 3, 1, 4, 5, 6, 4])
        #expect(m23.indexSelect(axis: 0, indices: [1, 1, 0]).scalars == [4, 5, 6, 4, 5, 6, 1, 2, 3])
        let permuted = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init)).permuted([2, 0, 1])
        #expect(permuted.shape == [4, 2, 3])
        #expect(permuted.scalars.prefix(6) == [0, 4, 8, 12, 16, 20])
    }

    @Test func matmulMatchesNaiveProduct() {
        let a = sample([5, 7], seed: 1), b = sample([7, 3], seed: 2)
        let product = a.matmul(b).scalars
        let (av, bv) = (a.scalars, b.scalars)
        for i in 0..<5 {
            for j in 0..<3 {
                let expected = (0..<7).reduce(Float(0)) { $0 + av[i * 7 + $1] * bv[$1 * 3 + j] }
                #expect(abs(product[i * 3 + j] - expected) < 1e-5)
            }
        }
        #expect(a.transposed().matmul(b, transposeA: true).scalars == product)
    }

    @Test func softmaxRowsSumToOneAndHandleHugeValues() {
        let x = Tensor(shape: [2, 3], scalars: [1000, 1001, 1002, -5, 0, 5])
        let s = x.softmax(axis: 1).scalars
        #expect(abs(s[0] + s[1] + s[2] - 1) < 1e-6 && s.allSatisfy(\.isFinite))
        let ls = x.logSoftmax(axis: 1).scalars
        #expect(abs(ls[2] - (-0.40760596)) < 1e-5) // log(e²/(1+e+e²))
    }

    @Test func crossEntropyOfUniformLogitsIsLogC() {
        let loss = softmaxCrossEntropy(logits: Tensor(zeros: [4, 10]), targets: [0, 3, 9, 1])
        #expect(abs(loss.scalar - 2.3025851) < 1e-6)
        let allIgnored = softmaxCrossEntropy(logits: Tensor(zeros: [2, 3]), targets: [-100, -100])
        #expect(allIgnored.scalar.isNaN) // as PyTorch: 0/0, caught by the trainer's finiteness check
    }

    @Test func activationsAtKnownPoints() {
        let x = Tensor(shape: [3], scalars: [-1, 0, 2])
        #expect(x.sigmoid().scalars[1] == 0.5)
        #expect(abs(x.gelu().scalars[2] - 1.9544997) < 1e-6)      // 2·Φ(2)
        #expect(abs(x.gelu(approximation: .tanh).scalars[2] - 1.9545977) < 1e-6)
        #expect(abs(x.silu().scalars[0] - (-0.26894142)) < 1e-6)  // −1·σ(−1)
        #expect(x.leakyRelu(slope: 0.1).scalars == [-0.1, 0, 2])
        #expect(x.clamp(min: -0.5, max: 1).scalars == [-0.5, 0, 1])
        #expect(x.abs().scalars == [1, 0, 2] && x.pow(2).scalars == [1, 0, 4])
    }

    @Test func dropoutIsSeededAndScalesSurvivors() {
        let x = Tensor(repeating: 1, shape: [1000])
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3)
        let a = dropout(x, probability: 0.25, generator: &g1), b = dropout(x, probability: 0.25, generator: &g2)
        #expect(a.scalars == b.scalars)
        #expect(Set(a.scalars) == [0, Float(1) / 0.75])
        let kept = a.scalars.filter { $0 != 0 }.count
        #expect(kept > 700 && kept < 800)
    }

    @Test func kernelsGiveTheSameResultOnOneOrTwoThreads() {
        let x = sample([8, 16, 20, 20], seed: 4), w = sample([16, 16, 3, 3], seed: 5)
        func run(_ threads: Int) -> [Float] {
            withComputeThreads(threads) { (conv2d(x, weight: w, padding: (1, 1)).relu() * 2).softmax(axis: 1).scalars }
        }
        let one = run(1), two = run(2)
        let worst = zip(one, two).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-6) // GEMM splits may round differently; everything else is identical
    }
}
