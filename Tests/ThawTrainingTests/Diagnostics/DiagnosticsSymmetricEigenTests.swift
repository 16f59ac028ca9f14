import Foundation
import Testing
import ThawTensor

@Suite("Diagnostics: symmetric eigendecomposition (LAPACK dsyevd)")
struct DiagnosticsSymmetricEigenTests {
    /// [[2, 1], [1, 2]] has eigenvalues 1 and 3 with vectors (1, −1)/√2 and (1, 1)/√2.
    @Test func twoByTwoByHand() throws {
        let (values, vectors) = try symmetricEigen([2, 1, 1, 2], size: 2)
        #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
        let r = 1 / 2.0.squareRoot()
        // Eigenvectors are defined up to sign: compare |v · expected|.
        #expect(abs(abs(vectors[0] * r - vectors[1] * r) - 1) < 1e-12)
        #expect(abs(abs(vectors[2] * r + vectors[3] * r) - 1) < 1e-12)
    }

    /// [[2, −1, 0], [−1, 2, −1], [0, −1, 2]] (the 1-D Laplacian) has eigenvalues 2 − √2, 2, 2 + √2
    /// with vectors (1, √2, 1)/2, (1, 0, −1)/√2, (1, −√2, 1)/2.
    @Test func threeByThreeByHand() throws {
        let (values, vectors) = try symmetricEigen([2, -1, 0, -1, 2, -1, 0, -1, 2], size: 3)
        let s = 2.0.squareRoot()
        for (value, expected) in zip(values, [2 - s, 2, 2 + s]) { #expect(abs(value - expected) < 1e-12) }
        let expectedVectors: [[Double]] = [[0.5, s / 2, 0.5], [1 / s, 0, -1 / s], [0.5, -s / 2, 0.5]]
        for j in 0..<3 {
            let dot = (0..<3).reduce(0.0) { $0 + vectors[j * 3 + $1] * expectedVectors[j][$1] }
            #expect(abs(abs(dot) - 1) < 1e-12)
        }
    }

    @Test(arguments: [1, 5, 17, 64])
    func randomSymmetricMatricesSatisfyTheEigenEquation(_ n: Int) throws {
        var generator = SeededGenerator(seed: UInt64(n))
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                let value = Double(generator.nextNormal())
                (a[i * n + j], a[j * n + i]) = (value, value)
            }
        }
        let (values, vectors) = try symmetricEigen(a, size: n)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "ascending")
        for j in 0..<n {
            let v = Array(vectors[(j * n)..<((j + 1) * n)])
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1] }
                #expect(abs(av - values[j] * v[i]) < 1e-10, "A·v = λ·v for vector \(j), row \(i)")
            }
            for k in 0..<n {
                let dot = (0..<n).reduce(0.0) { $0 + v[$1] * vectors[k * n + $1] }
                #expect(abs(dot - (j == k ? 1 : 0)) < 1e-10, "orthonormal")
            }
        }
    }

    @Test func malformedInputIsATypedError() {
        #expect(throws: SymmetricEigenError.badShape(count: 3, size: 2)) { try symmetricEigen([1, 2, 3], size: 2) }
        #expect(throws: SymmetricEigenError.badShape(count: 0, size: 0)) { try symmetricEigen([], size: 0) }
        #expect(throws: SymmetricEigenError.nonFinite) { try symmetricEigen([1, .nan, .nan, 1], size: 2) }
    }
}
