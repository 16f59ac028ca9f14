import ThawNN
import ThawTensor

/// The small CNN of the `cnn-28` workload and the shipped digit backbones:
/// conv(c→32)+ReLU+pool, conv(32→64)+ReLU+pool, flatten, linear(64·(s/4)²→128)+ReLU,
/// linear(128→classes). Keys follow the PyTorch twin: `features.0`, `features.3`,
/// `classifier.0`, `classifier.2` (the head).
public final class SmallCNN: Layer {
    public let features: Sequential
    public let classifier: Sequential
    /// `classifier.0`, whose ReLU output is the embedding.
    private let hiddenLayer: Linear
    public var isTraining = true

    public init(channels: Int = 1, imageSize: Int = 28, classes: Int = 10, width: Int = 32, hidden: Int = 128,
                generator: inout SeededGenerator) {
        precondition(imageSize % 4 == 0, "SmallCNN needs an image size divisible by 4, got \(imageSize)")
        features = Sequential([
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

    /// The final layer, replaced when the backbone moves to a new task.
    public static let headPrefix = "classifier.2"

    public func visit<V: ModuleVisitor>(_ v: inout V) {
        v.module("features", features)
        v.module("classifier", classifier)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { classifier(features(x)) }

    /// Penultimate features (the 128-d hidden layer), for probes and transferability scores.
    public func embed(_ x: Tensor) -> Tensor {
        hiddenLayer(features(x)).relu()
    }
}
