import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor

@Suite("ResNet configuration and initialisation")
struct ResNetConfigTests {
    static let invalid: [(ResNetConfig, ResNetError, String)] = [
        (ResNetConfig(depth: 101, classes: 10), .unsupportedDepth(101), "depth 101 is not supported: choose 18, 34 or 50"),
        (ResNetConfig(depth: 0, classes: 10), .unsupportedDepth(0), "choose 18, 34 or 50"),
        (ResNetConfig(depth: 18, classes: 0), .invalidClasses(0), "at least 1 class, got 0"),
        (ResNetConfig(depth: 34, classes: -3), .invalidClasses(-3), "got -3"),
        (ResNetConfig(depth: 50, classes: 10, baseWidth: 0), .invalidBaseWidth(0), "base width must be at least 1"),
        (ResNetConfig(depth: 18, classes: 10, inputChannels: 0), .invalidInputChannels(0), "at least 1 input channel, got 0"),
    ]

    @Test(arguments: 0..<invalid.count)
    func invalidConfigsThrowTypedErrors(_ index: Int) {
        let (config, expected, message) = Self.invalid[index]
        var generator = SeededGenerator(seed: 1)
        #expect(throws: expected) { try config.validate() }
        do {
            _ = try ResNet(config, generator: &generator)
            Issue.record("\(config) was accepted")
        } catch {
            #expect(error == expected)
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func replacingTheHeadWithNoClassesThrows() throws {
        var generator = SeededGenerator(seed: 1)
        let model = try ResNet(ResNetConfig(depth: 18, classes: 10, stem: .cifar, baseWidth: 2), generator: &generator)
        #expect(throws: ResNetError.invalidClasses(0)) { try model.replaceHead(classes: 0, generator: &generator) }
        #expect(model.classes == 10 && model.config.classes == 10)
    }

    @Test func configRoundTripsThroughJSONWithDefaults() throws {
        let config = ResNetConfig(depth: 50, classes: 37, stem: .cifar, inputChannels: 1, baseWidth: 16, zeroInitResidual: true)
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(ResNetConfig.self, from: data) == config)
        let minimal = try JSONDecoder().decode(ResNetConfig.self, from: Data(#"{"depth": 18, "classes": 10}"#.utf8))
        #expect(minimal == ResNetConfig(depth: 18, classes: 10, stem: .imagenet, inputChannels: 3, baseWidth: 64, zeroInitResidual: false))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ResNetConfig.self, from: Data(#"{"depth": 18, "classes": 10, "stem": "tiny"}"#.utf8))
        }
        #expect(ResNetConfig.resnet50(classes: 5).featureDimension == 2048 && ResNetConfig.resnet34().featureDimension == 512)
    }

    @Test func sameSeedSameWeights() throws {
        let config = ResNetConfig(depth: 18, classes: 10, stem: .cifar, baseWidth: 4)
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = try ResNet(config, generator: &a), second = try ResNet(config, generator: &b), third = try ResNet(config, generator: &c)
        #expect(first.namedTensors().map { $0.parameter.value.scalars } == second.namedTensors().map { $0.parameter.value.scalars })
        #expect(first.conv1.weight.value.scalars != third.conv1.weight.value.scalars)
    }

    /// torchvision's init: convolutions N(0, 2/fan_out), BatchNorm 1 and 0, fc U(±1/√fan_in).
    @Test func initialisationFollowsTorchvision() throws {
        var generator = SeededGenerator(seed: 5)
        let model = try ResNet(.resnet18(classes: 1000), generator: &generator)
        for (key, fanOut) in [("layer4.0.conv1.weight", 512 * 9), ("conv1.weight", 64 * 49), ("layer2.0.downsample.0.weight", 128)] {
            let w = try #require(model.namedParameters().first { $0.key == key }).parameter.value.scalars
            let mean = w.reduce(0, +) / Float(w.count)
            let std = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(w.count)).squareRoot()
            let expected = (2 / Float(fanOut)).squareRoot()
            #expect(abs(std / expected - 1) < 0.05 && abs(mean) < expected * 0.05, "\(key): std \(std), expected \(expected)")
        }
        for tensor in model.namedTensors() where tensor.key.contains("bn") || tensor.key.contains("downsample.1") {
            let values = tensor.parameter.value.scalars
            switch tensor.key.split(separator: ".").last {
            case "weight", "running_var": #expect(values.allSatisfy { $0 == 1 }, "\(tensor.key)")
            case "bias", "running_mean", "num_batches_tracked": #expect(values.allSatisfy { $0 == 0 }, "\(tensor.key)")
            default: Issue.record("unexpected key \(tensor.key)")
            }
        }
        let bound = 1 / Float(512).squareRoot()
        #expect(model.fc.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(model.fc.bias!.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(model.fc.weight.value.scalars.map(abs).max()! > bound * 0.99)
    }

    @Test(arguments: [18, 50])
    func zeroInitResidualZeroesTheLastBatchNormOfEveryBlock(depth: Int) throws {
        var generator = SeededGenerator(seed: 3)
        let model = try ResNet(ResNetConfig(depth: depth, classes: 10, baseWidth: 4, zeroInitResidual: true), generator: &generator)
        let last = depth == 50 ? "bn3" : "bn2"
        let zeroed = model.namedParameters().filter { $0.key.hasSuffix(".\(last).weight") }
        #expect(zeroed.count == (depth == 50 ? 16 : 8))
        #expect(zeroed.allSatisfy { $0.parameter.value.scalars.allSatisfy { $0 == 0 } })
        #expect(model.bn1.weight.value.scalars.allSatisfy { $0 == 1 })
        #expect(model.namedParameters().filter { $0.key.hasSuffix("downsample.1.weight") }
            .allSatisfy { $0.parameter.value.scalars.allSatisfy { $0 == 1 } })
        // Every residual branch starts as zero, so each block is relu(shortcut).
        let block = model.layer1.layers[1]
        let x = Tensor.randomNormal(shape: [2, 4 * (depth == 50 ? 4 : 1), 8, 8], generator: &generator)
        #expect(block(x).scalars == x.relu().scalars)
    }

    @Test func shapesAndSummaries() throws {
        var generator = SeededGenerator(seed: 9)
        let imagenet = try ResNet(ResNetConfig(depth: 34, classes: 5, baseWidth: 2), generator: &generator)
        let x = Tensor.randomNormal(shape: [1, 3, 64, 64], generator: &generator)
        #expect(imagenet.featureMap(x).shape == [1, 16, 2, 2])
        #expect(imagenet.features(x).shape == [1, 16] && imagenet(x).shape == [1, 5])
        let cifar = try ResNet(ResNetConfig(depth: 50, classes: 3, stem: .cifar, baseWidth: 2), generator: &generator)
        let y = Tensor.randomNormal(shape: [2, 3, 16, 16], generator: &generator)
        #expect(cifar.featureMap(y).shape == [2, 64, 2, 2] && cifar(y).shape == [2, 3])
        #expect(cifar.summary == "ResNet-50(cifar stem, width 2, 3 classes)")
        #expect(cifar.layer2.layers[0].summary == "Bottleneck(8→4→16, stride 2, downsample)")
        #expect(imagenet.layer1.layers[0].summary == "BasicBlock(2→2, stride 1)")
    }
}
