import Foundation
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI

/// `backbone.head_init: logme`: the new head starts as LogME's posterior-mean readout of the
/// pretrained features instead of random weights, so step 1 already predicts as well as a
/// linear probe and the backbone is not pushed around by a random head's gradients (the
/// reason LP-FT trains the head first; Kumar et al., ICLR 2022).
///
/// LogME regresses each class's 0/1 target on the features (a constant column gives the
/// bias). Those outputs live near [0, 1], too flat for softmax, so one temperature is fitted
/// by minimising the cross-entropy on the validation split (on the training sample when
/// there is none: in a few-shot run that fit is overconfident, and the first steps' large
/// gradients would undo what the readout gained).
public enum LogMEHeadInit {
    public struct Outcome: Sendable, Equatable {
        public var examples: Int
        /// Accuracy of the fitted head on the sample it was fitted on.
        public var sampleAccuracy: Double
        /// Accuracy on the validation split, when there is one.
        public var validationAccuracy: Double?
        public var temperature: Double
        public var score: Double
        public var seconds: Double

        public var summary: String {
            let validation = validationAccuracy.map { String(format: ", validation %.1f%%", 100 * $0) } ?? ""
            return String(format: "LogME head: fitted on %d training examples (accuracy %.1f%%%@, temperature %.3g, LogME %.4f) in %.2f s",
                          examples, 100 * sampleAccuracy, validation, temperature, score, seconds)
        }
    }

    public static let defaultLimit = 2000

    public static func apply(to backbone: any Backbone, data: Dataset, validation: Dataset?, normalization: Normalization?, seed: UInt64,
                             limit: Int = defaultLimit, batch: (Tensor) -> BackboneBatch) throws -> Outcome {
        let start = Date()
        let head = try linearHead(of: backbone)
        let sample = BackboneAssessment.sample(data, limit: limit, seed: seed)
        let features = try biasedFeatures(backbone, sample: sample, batch: batch, normalization: normalization)
        let classes = backbone.classes
        let result = try logME(features: features, labels: sample.labels, classCount: classes)
        let logits = readout(features, weights: result.weights, classes: classes)
        var held: (logits: [[Double]], labels: [Int])?
        if let validation, validation.count > 0 {
            let heldOut = BackboneAssessment.sample(validation, limit: limit, seed: seed)
            let heldFeatures = try biasedFeatures(backbone, sample: heldOut, batch: batch, normalization: normalization)
            held = (readout(heldFeatures, weights: result.weights, classes: classes), heldOut.labels)
        }
        let temperature = fittedTemperature(held?.logits ?? logits, labels: held?.labels ?? sample.labels)
        let dimension = features.columns - 1
        head.weight.assign(Tensor(shape: [classes, dimension], scalars: (0..<classes * dimension).map { i in
            Float(temperature * result.weights[(i % dimension) * classes + i / dimension])
        }))
        head.bias.assign(Tensor(shape: [classes], scalars: (0..<classes).map { Float(temperature * result.weights[dimension * classes + $0]) }))
        return Outcome(examples: sample.count, sampleAccuracy: accuracy(logits, sample.labels),
                       validationAccuracy: held.map { accuracy($0.logits, $0.labels) },
                       temperature: temperature, score: result.score, seconds: Date().timeIntervalSince(start))
    }

    /// Rows of `features` times the D×C weights.
    static func readout(_ features: FeatureMatrix, weights: [Double], classes: Int) -> [[Double]] {
        (0..<features.rows).map { n in
            (0..<classes).map { c in (0..<features.columns).reduce(0.0) { $0 + features[n, $1] * weights[$1 * classes + c] } }
        }
    }

    static func accuracy(_ logits: [[Double]], _ labels: [Int]) -> Double {
        let correct = zip(logits, labels).filter { row, label in row.indices.max { row[$0] < row[$1] } == label }.count
        return Double(correct) / Double(Swift.max(1, labels.count))
    }

    /// The head's weight (C×D) and bias (C); only a single linear layer can take the readout.
    static func linearHead(of backbone: any Backbone) throws -> (weight: Parameter, bias: Parameter) {
        let parameters = Dictionary(backbone.namedParameters(), uniquingKeysWith: { first, _ in first })
        guard backbone.headPrefixes.count == 1, let prefix = backbone.headPrefixes.first,
              let weight = parameters[prefix + ".weight"], let bias = parameters[prefix + ".bias"],
              weight.shape == [backbone.classes, backbone.featureDimension], bias.shape == [backbone.classes] else {
            throw ConfigError(file: "backbone", path: "backbone.head_init",
                              message: "logme needs a single linear head on the features; this backbone's head is \(backbone.headPrefixes)")
        }
        return (weight, bias)
    }

    /// The sample's pooled features in evaluation mode, with a constant 1 appended to each row.
    static func biasedFeatures(_ backbone: any Backbone, sample: Dataset, batch: (Tensor) -> BackboneBatch,
                               normalization: Normalization?) throws -> FeatureMatrix {
        let wasTraining = backbone.isTraining
        backbone.setTraining(false)
        defer { backbone.setTraining(wasTraining) }
        var values: [Double] = []
        let dimension = backbone.featureDimension
        try withNoGradient {
            for start in stride(from: 0, to: sample.count, by: 256) {
                var inputs = sample.inputs(indices: Array(start..<Swift.min(start + 256, sample.count)))
                if let normalization { inputs = normalization.apply(to: inputs) }
                let pooled = try backbone.features(batch(inputs)).scalars
                for row in 0..<pooled.count / dimension {
                    values += pooled[row * dimension..<(row + 1) * dimension].map(Double.init)
                    values.append(1)
                }
            }
        }
        return try FeatureMatrix(rows: sample.count, columns: dimension + 1, values: values)
    }

    /// The scale s minimising the mean cross-entropy of softmax(s · logits): golden-section
    /// search on log s over [0.01, 1000] (the loss is unimodal in s for a fixed readout).
    static func fittedTemperature(_ logits: [[Double]], labels: [Int]) -> Double {
        func loss(_ logScale: Double) -> Double {
            let s = exp(logScale)
            var total = 0.0
            for (row, label) in zip(logits, labels) {
                let top = row.max() ?? 0
                let sum = row.reduce(0.0) { $0 + exp(s * ($1 - top)) }
                total += log(sum) - s * (row[label] - top)
            }
            return total / Double(Swift.max(1, labels.count))
        }
        let ratio = (sqrt(5.0) - 1) / 2
        var (lo, hi) = (log(0.01), log(1000.0))
        for _ in 0..<60 {
            let a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo)
            if loss(a) < loss(b) { hi = b } else { lo = a }
        }
        return exp((lo + hi) / 2)
    }
}
