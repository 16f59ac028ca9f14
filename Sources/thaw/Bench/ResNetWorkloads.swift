import ThawModels
import ThawNN
import ThawTensor
import ThawTraining

extension BenchWorkload {
    /// ResNet-18 with the CIFAR stem, 10 classes, batch 32 of 3×32×32, train mode, SGD
    /// (lr 0.01, momentum 0.9, weight decay 5e-4).
    static let resnet18CIFAR = BenchWorkload(
        name: "resnet18-cifar", batch: 32,
        full: Plan(warmup: 3, steps: 3, repeats: 5), quick: Plan(warmup: 1, steps: 1, repeats: 3)
    ) {
        try resnetTrainingStep(frozenStages: false)
    }

    /// As `resnet18-cifar` with conv1…layer3 frozen (their BatchNorm in evaluation mode);
    /// only layer4 and fc train.
    static let resnet18CIFARFrozen = BenchWorkload(
        name: "resnet18-cifar-frozen", batch: 32,
        full: Plan(warmup: 3, steps: 6, repeats: 5), quick: Plan(warmup: 1, steps: 2, repeats: 3)
    ) {
        try resnetTrainingStep(frozenStages: true)
    }

    /// Standard ResNet-18 at 3×224×224, batch 8, evaluation mode, no gradients: pooled features.
    static let resnet18Features = BenchWorkload(
        name: "resnet18-224-features", batch: 8,
        full: Plan(warmup: 3, steps: 10, repeats: 5), quick: Plan(warmup: 1, steps: 2, repeats: 3)
    ) {
        var generator = SeededGenerator(seed: seed)
        let model = try ResNet(ResNetConfig(depth: 18, classes: 1000, stem: .imagenet), generator: &generator)
        model.setTraining(false)
        let inputs = (0..<poolSize).map { _ in Tensor.randomNormal(shape: [8, 3, 224, 224], generator: &generator) }
        return { i in _ = withNoGradient { model.features(inputs[i % poolSize]) } }
    }

    private static func resnetTrainingStep(frozenStages: Bool) throws -> (Int) throws -> Void {
        var generator = SeededGenerator(seed: seed)
        let model = try ResNet(ResNetConfig(depth: 18, classes: 10, stem: .cifar), generator: &generator)
        if frozenStages {
            for entry in model.namedParameters() where ["conv1", "bn1", "layer1", "layer2", "layer3"].contains(where: { entry.key.hasPrefix($0 + ".") }) {
                entry.parameter.requiresGradient = false
            }
            for entry in model.namedModules() where ["bn1", "layer1", "layer2", "layer3"].contains(where: { entry.path == $0 || entry.path.hasPrefix($0 + ".") }) {
                (entry.module as? BatchNorm2d)?.freezesStatistics = true
            }
        }
        let inputs = (0..<poolSize).map { _ in Tensor.randomNormal(shape: [32, 3, 32, 32], generator: &generator) }
        let labels = (0..<poolSize).map { _ in randomLabels(32, classes: 10, generator: &generator) }
        return classificationStep(model, inputs: inputs, labels: labels, optimizer: SGD(momentum: 0.9), learningRate: 0.01, weightDecay: 5e-4)
    }
}
