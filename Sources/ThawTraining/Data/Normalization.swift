import ThawTensor

/// Per-channel standardisation, `(x − mean) / std`, fitted on the training split only so that
/// nothing about the validation or test data leaks into training.
///
/// A channel is the first axis of a `[C, H, W]` (or `[C, …]`) feature shape, and every single
/// feature of a flat `[F]` shape, so images get the usual per-colour statistics and tabular
/// columns are standardised one by one. It is a plain value so it can be stored in a
/// checkpoint or a backbone card and applied again at inference time.
public struct Normalization: Sendable, Equatable, Codable {
    public let mean: [Float]
    public let std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count && !mean.isEmpty, "mean and std need one value per channel")
        precondition(std.allSatisfy { $0.isFinite && $0 > 0 } && mean.allSatisfy(\.isFinite),
                     "std must be positive and everything finite")
        self.mean = mean
        self.std = std
    }

    /// Decoding checks what `init` checks: a hand-edited file must not divide by zero later.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let mean = try container.decode([Float].self, forKey: .mean)
        let std = try container.decode([Float].self, forKey: .std)
        guard mean.count == std.count, !mean.isEmpty, mean.allSatisfy(\.isFinite),
              std.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath,
                debugDescription: "normalization needs equal-length mean and std, finite, std > 0"))
        }
        self.init(mean: mean, std: std)
    }

    /// Channels in `featureShape` by the rule above.
    public static func channelCount(of featureShape: [Int]) -> Int {
        featureShape.count >= 2 ? featureShape[0] : featureShape.reduce(1, *)
    }

    /// Mean and population standard deviation per channel, accumulated in Double. A constant
    /// channel (std 0, such as digits' always-blank corners) gets std 1: it maps to 0 instead
    /// of NaN.
    public static func fit(on training: Dataset) -> Normalization {
        let channels = channelCount(of: training.featureShape)
        let block = training.featureCount / channels
        var sum = [Double](repeating: 0, count: channels)
        var squares = [Double](repeating: 0, count: channels)
        training.features.withUnsafeBufferPointer { values in
            for example in 0..<training.count {
                for channel in 0..<channels {
                    let start = example * training.featureCount + channel * block
                    var s = 0.0
                    for value in values[start..<(start + block)] { s += Double(value) }
                    sum[channel] += s
                }
            }
            let n = Double(max(training.count * block, 1))
            let means = sum.map { $0 / n }
            for example in 0..<training.count {
                for channel in 0..<channels {
                    let start = example * training.featureCount + channel * block
                    var s = 0.0
                    for value in values[start..<(start + block)] {
                        let d = Double(value) - means[channel]
                        s += d * d
                    }
                    squares[channel] += s
                }
            }
        }
        let n = Double(max(training.count * block, 1))
        let mean = sum.map { Float($0 / n) }
        let std = squares.map { variance -> Float in
            let deviation = Float((variance / n).squareRoot())
            return deviation > 1e-12 && deviation.isFinite ? deviation : 1
        }
        return Normalization(mean: mean, std: std)
    }

    /// Normalises a batch of shape `[B] + featureShape`.
    public func apply(to batch: Tensor) -> Tensor {
        var values = batch.scalars
        apply(to: &values, exampleSize: batch.shape.dropFirst().reduce(1, *))
        return Tensor(shape: batch.shape, scalars: values)
    }

    /// In place on consecutive examples of `exampleSize` values each.
    func apply(to values: inout [Float], exampleSize: Int) {
        let channels = mean.count
        precondition(exampleSize > 0 && exampleSize % channels == 0,
                     "\(channels) channels do not divide an example of \(exampleSize) values")
        let block = exampleSize / channels
        values.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                for channel in 0..<channels {
                    let (m, s) = (mean[channel], std[channel])
                    let from = start + channel * block
                    for index in from..<(from + block) { buffer[index] = (buffer[index] - m) / s }
                }
                start += exampleSize
            }
        }
    }
}
