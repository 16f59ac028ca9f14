/// Features of N examples as a dense row-major N×D matrix of `Double`.
///
/// Transferability metrics are computed once per candidate backbone on a few thousand
/// examples, where Float rounding in FᵀF (sums of N products) would cost LogME several
/// digits; so features are widened to Double on the way in, whatever the backbone produced.
public struct FeatureMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major: example `i`, feature `j` is `values[i * columns + j]`.
    public let values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows > 0, columns > 0, values.count == rows * columns else {
            throw TransferabilityError.shapeMismatch("features: \(rows)×\(columns) needs \(rows * columns) values, got \(values.count)")
        }
        guard values.allSatisfy(\.isFinite) else { throw TransferabilityError.nonFinite("features") }
        (self.rows, self.columns, self.values) = (rows, columns, values)
    }

    public init(rows: Int, columns: Int, values: [Float]) throws {
        try self.init(rows: rows, columns: columns, values: values.map(Double.init))
    }

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// FᵀF (D×D, symmetric, row-major). Accumulated one example at a time as rank-1 updates of
    /// the upper triangle, whose inner loop is a contiguous axpy the optimiser vectorises.
    func featureGram() -> [Double] {
        let d = columns
        var gram = [Double](repeating: 0, count: d * d)
        values.withUnsafeBufferPointer { f in
            gram.withUnsafeMutableBufferPointer { g in
                for i in 0..<rows {
                    let row = f.baseAddress! + i * d
                    for a in 0..<d {
                        let scale = row[a]
                        if scale == 0 { continue }
                        let target = g.baseAddress! + a * d
                        for b in a..<d { target[b] += scale * row[b] }
                    }
                }
            }
        }
        mirrorUpper(&gram, size: d)
        return gram
    }

    /// FFᵀ (N×N, symmetric): pairwise dot products of examples, the cheaper Gram when N < D.
    func exampleGram() -> [Double] {
        let (n, d) = (rows, columns)
        var gram = [Double](repeating: 0, count: n * n)
        values.withUnsafeBufferPointer { f in
            for i in 0..<n {
                for j in i..<n {
                    var sum = 0.0
                    for k in 0..<d { sum += f[i * d + k] * f[j * d + k] }
                    gram[i * n + j] = sum
                }
            }
        }
        mirrorUpper(&gram, size: n)
        return gram
    }

    /// F·x for a D-vector x (an N-vector).
    func times(_ x: [Double]) -> [Double] {
        (0..<rows).map { i in
            var sum = 0.0
            for j in 0..<columns { sum += values[i * columns + j] * x[j] }
            return sum
        }
    }

    /// Fᵀ·y for an N-vector y (a D-vector).
    func transposeTimes(_ y: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: columns)
        for i in 0..<rows where y[i] != 0 {
            for j in 0..<columns { result[j] += values[i * columns + j] * y[i] }
        }
        return result
    }

    /// Column means (the feature mean vector).
    func columnMeans() -> [Double] {
        var means = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            for j in 0..<columns { means[j] += values[i * columns + j] }
        }
        return means.map { $0 / Double(rows) }
    }

    /// The same features with the column means subtracted.
    func centred() -> FeatureMatrix {
        let means = columnMeans()
        var centred = values
        for i in 0..<rows {
            for j in 0..<columns { centred[i * columns + j] -= means[j] }
        }
        return FeatureMatrix(unchecked: rows, columns, centred)
    }

    private init(unchecked rows: Int, _ columns: Int, _ values: [Double]) {
        (self.rows, self.columns, self.values) = (rows, columns, values)
    }
}

/// Copies the upper triangle of a row-major square matrix onto its lower triangle.
func mirrorUpper(_ matrix: inout [Double], size n: Int) {
    for a in 0..<n {
        for b in 0..<a { matrix[a * n + b] = matrix[b * n + a] }
    }
}

/// Why a transferability metric could not be computed.
public enum TransferabilityError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(String)
    case nonFinite(String)
    case labelOutOfRange(label: Int, classCount: Int)
    case tooFewExamples(String)
    case noCandidates

    public var description: String {
        switch self {
        case .shapeMismatch(let detail): "shape mismatch: \(detail)"
        case .nonFinite(let what): "\(what) hold NaN or infinite values"
        case let .labelOutOfRange(label, classCount): "label \(label) is outside 0..<\(classCount)"
        case .tooFewExamples(let detail): "too few examples: \(detail)"
        case .noCandidates: "no candidate backbones to rank"
        }
    }
}

/// Checks that `labels` has one label in `0..<classCount` per example; returns `classCount`
/// (inferred as the largest label + 1 when nil).
func validatedClassCount(_ labels: [Int], examples: Int, classCount: Int?) throws -> Int {
    guard labels.count == examples else {
        throw TransferabilityError.shapeMismatch("\(labels.count) labels for \(examples) examples")
    }
    let count = classCount ?? ((labels.max() ?? -1) + 1)
    for label in labels where label < 0 || label >= count {
        throw TransferabilityError.labelOutOfRange(label: label, classCount: count)
    }
    guard count >= 1 else { throw TransferabilityError.tooFewExamples("no labels") }
    return count
}
