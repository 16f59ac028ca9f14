import Foundation
import Testing
import ThawModels
import ThawNN
import ThawSafeTensors
import ThawTensor

/// Moving a ResNet to a new task: loading a checkpoint with another head, refusing one of
/// another depth, and training only the top of a frozen backbone.
@Suite("ResNet transfer")
struct ResNetTransferTests {
    static func checkpoint(of model: ResNet, name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(bytes: try model.stateDictWriter().serialized(), name: name)
    }

    static func values(_ model: ResNet) -> [String: [Float]] {
        Dictionary(uniqueKeysWithValues: model.namedTensors().map { ($0.key, $0.parameter.value.scalars) })
    }

    /// A real-size ImageNet ResNet-18 checkpoint into a 10-class model: every tensor but the
    /// head loads, the head is reported as re-initialised and keeps its fresh values.
    @Test func imagenetCheckpointIntoTenClassModel() throws {
        var generator = SeededGenerator(seed: 1)
        let source = try ResNet(.resnet18(classes: 1000), generator: &generator)
        source.setTraining(true)
        _ = withNoGradient { source(Tensor.randomNormal(shape: [2, 3, 64, 64], generator: &generator)) } // moves BN stats
        let file = try Self.checkpoint(of: source, name: "resnet18-imagenet.safetensors")

        let target = try ResNet(.resnet18(classes: 10), generator: &generator)
        let head = Self.values(target).filter { $0.key.hasPrefix("fc.") }
        let report = try target.loadStateDict(from: file, options: LoadOptions(headPrefixes: [ResNet.headPrefix]))
        #expect(report.isComplete)
        #expect(report.reinitialized == [
            .init(key: "fc.weight", modelShape: [10, 512], fileShape: [1000, 512]),
            .init(key: "fc.bias", modelShape: [10], fileShape: [1000]),
        ])
        #expect(report.missing.isEmpty && report.unexpected.isEmpty && report.shapeMismatches.isEmpty && report.droppedSourceHead.isEmpty)
        let keys = target.namedTensors().map(\.key)
        #expect(report.loaded == keys.filter { !$0.hasPrefix("fc.") } && report.loaded.count == 120)
        #expect("\(report)".contains("re-initialised fc.weight: [1000, 512] → [10, 512]"))

        let loaded = Self.values(target), original = Self.values(source)
        for key in keys where !key.hasPrefix("fc.") { #expect(loaded[key] == original[key], "\(key)") }
        for (key, value) in head { #expect(loaded[key] == value, "\(key) was overwritten") }
        #expect(loaded["bn1.num_batches_tracked"] == [1])
    }

    /// The same move made the other way: build the source architecture, load everything, then
    /// swap the head.
    @Test func replaceHeadAfterLoading() throws {
        var generator = SeededGenerator(seed: 2)
        let source = try ResNet(ResNetConfig(depth: 50, classes: 1000, baseWidth: 4), generator: &generator)
        let model = try ResNet(ResNetConfig(depth: 50, classes: 1000, baseWidth: 4), generator: &generator)
        let report = try model.loadStateDict(from: try Self.checkpoint(of: source, name: "r50.safetensors"))
        #expect(report.isComplete && report.reinitialized.isEmpty)
        model.setTraining(false)
        let sourceHead = model.fc
        try model.replaceHead(classes: 10, generator: &generator)
        let head = model.fc
        #expect(head !== sourceHead && !head.isTraining)
        #expect(head.weight.shape == [10, 128] && model.classes == 10 && model.config.classes == 10)
        #expect(model.namedTensors().suffix(2).map(\.key) == ["fc.weight", "fc.bias"])
        #expect(model(Tensor(zeros: [1, 3, 32, 32])).shape == [1, 10])
    }

    @Test func checkpointOfAnotherDepthIsRefused() throws {
        var generator = SeededGenerator(seed: 3)
        let resnet18 = try ResNet(ResNetConfig(depth: 18, classes: 10, baseWidth: 4), generator: &generator)
        let resnet34 = try ResNet(ResNetConfig(depth: 34, classes: 10, baseWidth: 4), generator: &generator)
        let resnet50 = try ResNet(ResNetConfig(depth: 50, classes: 10, baseWidth: 4), generator: &generator)
        let before = Self.values(resnet18)

        // ResNet-34 into ResNet-18: the extra blocks are unexpected (head options change nothing).
        let report34 = try #require(try refusal(loading: resnet34, into: resnet18, name: "resnet34.safetensors"))
        #expect(report34.missing.isEmpty && report34.shapeMismatches.isEmpty)
        #expect(report34.unexpected.contains("layer1.2.conv1.weight") && report34.unexpected.contains("layer3.5.bn2.running_var"))
        #expect(Set(report34.unexpected.map { $0.split(separator: ".").prefix(2).joined(separator: ".") })
            == ["layer1.2", "layer2.2", "layer2.3", "layer3.2", "layer3.3", "layer3.4", "layer3.5", "layer4.2"])

        // ResNet-18 into ResNet-34: the same blocks are missing.
        let report18 = try #require(try refusal(loading: resnet18, into: resnet34, name: "resnet18.safetensors"))
        #expect(report18.unexpected.isEmpty && report18.shapeMismatches.isEmpty)
        #expect(Set(report18.missing) == Set(report34.unexpected) && report18.missing.count == report34.unexpected.count)

        // ResNet-50 into ResNet-18: shapes differ and bottleneck tensors are unexpected.
        let report50 = try #require(try refusal(loading: resnet50, into: resnet18, name: "resnet50.safetensors"))
        #expect(report50.shapeMismatches.contains { $0.key == "layer1.0.conv1.weight" && $0.fileShape == [4, 4, 1, 1] && $0.modelShape == [4, 4, 3, 3] })
        #expect(report50.unexpected.contains("layer1.0.conv3.weight") && report50.unexpected.contains("layer1.0.downsample.0.weight"))

        #expect(Self.values(resnet18) == before, "a refused load must not change the model")
    }

    /// Loads `source`'s checkpoint into `target`, expecting `StateDictError.incompatible`.
    private func refusal(loading source: ResNet, into target: ResNet, name: String) throws -> LoadReport? {
        let file = try Self.checkpoint(of: source, name: name)
        do {
            try target.loadStateDict(from: file, options: ResNet.transferLoadOptions)
            Issue.record("\(name) was accepted by ResNet-\(target.config.depth)")
            return nil
        } catch let error as StateDictError {
            guard case let .incompatible(file, report) = error else {
                Issue.record("unexpected error \(error)")
                return nil
            }
            #expect(file == name)
            let text = "\(error)"
            #expect(text.hasPrefix("\(name): does not match the model:"))
            for key in (report.missing + report.unexpected).prefix(3) { #expect(text.contains(key)) }
            return report
        }
    }

    /// Freezing everything but `layer4` and `fc` (their BatchNorms in eval mode, as the
    /// `resnet18-cifar-frozen` workload does): a train step reaches only those parameters.
    @Test func frozenBackboneTrainsOnlyTheTop() throws {
        var generator = SeededGenerator(seed: 4)
        let model = try ResNet(ResNetConfig(depth: 18, classes: 10, stem: .cifar, baseWidth: 8), generator: &generator)
        func trainable(_ key: String) -> Bool { key.hasPrefix("layer4.") || key.hasPrefix("fc.") }
        for (key, parameter) in model.namedParameters() where !trainable(key) { parameter.requiresGradient = false }
        model.setTraining(true)
        for entry in model.namedModules() where !entry.path.isEmpty && !trainable(entry.path + ".") {
            entry.module.isTraining = false
        }
        #expect(model.trainableParameterCount == model.namedParameters().filter { trainable($0.key) }.reduce(0) { $0 + $1.parameter.count })

        let before = Self.values(model)
        let x = Tensor.randomNormal(shape: [4, 3, 16, 16], generator: &generator)
        let loss = softmaxCrossEntropy(logits: model(x), targets: [1, 3, 5, 7])
        let grads = gradients(of: loss)
        let reached = Set(grads.parameters.map(ObjectIdentifier.init))
        for (key, parameter) in model.namedParameters() {
            #expect(reached.contains(ObjectIdentifier(parameter)) == trainable(key), "\(key)")
        }
        // One SGD step by hand.
        for parameter in grads.parameters {
            let g = grads[parameter]!.scalars
            parameter.update { w in for i in w.indices { w[i] -= 0.1 * g[i] } }
        }
        let after = Self.values(model)
        for tensor in model.namedTensors() {
            // Trainable parameters and layer4's running statistics move; nothing frozen does.
            #expect((after[tensor.key] != before[tensor.key]) == trainable(tensor.key), "\(tensor.key)")
        }
    }
}
