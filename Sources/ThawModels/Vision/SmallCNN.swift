import ThawNN
import ThawTensor

/// The small CNN of the `cnn-28` workload and the shipped digit backbones:
/// conv(c→32)+ReLU+pool, conv(32→64)+ReLU+pool, flatten, linear(64·(s/4)²→128)+ReLU,
/// linear(128→classes). Keys follow the PyTorch twin: `features.0`, `features.3`,
/// `classifier.0`, `classifier.2` (the head).
public final class SmallCNN: Backbone {
    public let body: Sequential
    public let classifier: Sequential
    /// `classifier.0`, whose ReLU output is the embedding.
    private let hiddenLayer: Linear
    public let imageSize: Int
    public var isTraining = true

    public init(channels: Int = 1, imageSize: Int = 28, classes: Int = 10, width: Int = 32, hidden: Int = 128,
                generator: inout SeededGenerator) {
        precondition(imageSize % 4 == 0, "SmallCNN needs an image size divisible by 4, got \(imageSize)")
        self.imageSize = imageSize
        body = Sequential([
            Conv2d(inputs: channels, outputs: width, kernel: 3, padding: 1, generator: &generator), ReLU(), MaxPool2d(kernel: 2),
            Conv2d(inputs: width, outputs: 2 * width, kernel: 3, padding: 1, generator: &generator), ReLU(), MaxPool2d(kernel: 2),
            Flatten(),
        ])
        let flat = 2 * width * (imageSize / 4) * (imageSize / 4)
        hiddenLayer = Linear(inputs: flat, outputs: hidden, generator: &generator)
        classifier = Sequential([
            hiddenLayer, ReLU(),
            Linear(inputs: hidden, outputs: classes, generator: &generator),
        ])
    }

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("features", body)
        v.module("classifier", classifier)
    }

    /// The final layer, replaced when the backbone moves to a new task.
    public var headPrefixes: [String] { ["classifier.2"] }
    public var featureDimension: Int { hiddenLayer.outputs }
    public var classes: Int { (classifier.layers[2] as? Linear)?.outputs ?? 0 }

    /// Penultimate features (the hidden layer after its ReLU), for probes and transferability scores.
    public func features(_ batch: BackboneBatch) throws -> Tensor {
        let x = try batch.dense(for: "SmallCNN")
        let expected = (body.layers[0] as? Conv2d)?.weight.shape[1] ?? 0
        guard x.rank == 4, x.shape[1] == expected, x.shape[2] == imageSize, x.shape[3] == imageSize else {
            throw BackboneInputError("SmallCNN expects images of shape (N, \(expected), \(imageSize), \(imageSize)), got \(x.shape)")
        }
        return hiddenLayer(body(x)).relu()
    }

    public func logits(_ batch: BackboneBatch) throws -> Tensor {
        classify(features: try features(batch))
    }

    public func classify(features: Tensor) -> Tensor {
        classifier.layers[2](features)
    }

    public var architecture: ArchitectureSpec? {
        let conv = body.layers[0] as? Conv2d
        return ArchitectureSpec(kind: .smallcnn, smallcnn: SmallCNNSpec(
            channels: conv?.weight.shape[1] ?? 1, imageSize: imageSize, classes: classes,
            width: conv?.weight.shape[0] ?? 32, hidden: featureDimension))
    }

    public func replaceHead(classes: Int, generator: inout SeededGenerator) {
        classifier.layers[2] = Linear(inputs: featureDimension, outputs: classes, generator: &generator)
    }
}
