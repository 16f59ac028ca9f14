import Foundation
import Testing
import ThawModels
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTestSupport

/// A torchvision ResNet saved with safetensors and no card is recognised from its tensor
/// names, and the card it implies loads the file completely and reproduces PyTorch's logits.
@Suite("Torchvision ResNet without a card")
struct TorchvisionResNetCardTests {
    static func table(_ depth: String) throws -> [SafeTensorInfo] {
        let data = try Data(contentsOf: ResNetFixtures.directory.appendingPathComponent("torchvision_resnet_keys.json"))
        let tables = try JSONDecoder().decode([String: ResNetFixtures.KeyTable].self, from: data.removingVersionEntry())
        return try #require(tables[depth]).stateDict.map { SafeTensorInfo(name: $0.key, dtype: .f32, shape: $0.shape, dataRange: 0..<0) }
    }

    @Test(arguments: [("resnet18", 18), ("resnet34", 34), ("resnet50", 50)])
    func realTorchvisionTablesGiveTheirDepth(_ name: String, _ depth: Int) throws {
        let card = try #require(try TorchvisionResNetCard.card(name: name, file: "\(name).safetensors", tensors: Self.table(name)))
        #expect(card.architecture.resnet == ResNetConfig(depth: depth, classes: 1000, stem: .imagenet, inputChannels: 3, baseWidth: 64))
        #expect(card.input.shape == [3, 224, 224] && card.input.mean?.count == 3 && card.head == ["fc"])
        #expect(card.source.classes.count == 1000)
        try card.validate(file: name)
    }

    @Test func unsupportedVariantsAreNamed() throws {
        // ResNet-101's stage layout, faked by dropping blocks from ResNet-50's table.
        var tensors = try Self.table("resnet50")
        tensors.removeAll { $0.name.hasPrefix("layer3.5.") }
        #expect(throws: BackboneInputError.self) { try TorchvisionResNetCard.card(name: "x", file: "x.safetensors", tensors: tensors) }
        do {
            _ = try TorchvisionResNetCard.card(name: "x", file: "x.safetensors", tensors: tensors)
        } catch {
            #expect("\(error)".contains("x.safetensors") && "\(error)".contains("[3, 4, 5, 3]") && "\(error)".contains("ResNet-18, 34 and 50"))
        }
        // Not a ResNet at all: not recognised, no error.
        let mlp = [SafeTensorInfo(name: "hidden.0.weight", dtype: .f32, shape: [3, 4], dataRange: 0..<0)]
        #expect(try TorchvisionResNetCard.card(name: "m", file: "m.safetensors", tensors: mlp) == nil)
    }

    @Test(arguments: ["resnet18_cifar_w4", "resnet18_imagenet_w4", "resnet50_imagenet_w4"])
    func aBareStateDictLoadsAndMatchesPyTorch(_ name: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-tv-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let weights = directory.appendingPathComponent("\(name).safetensors")
        try FileManager.default.copyItem(at: ResNetFixtures.directory.appendingPathComponent("\(name)_state.safetensors"), to: weights)

        let entry = try #require(try BackboneZoo.entry(at: weights, origin: .explicit))
        #expect(entry.card.name == name && entry.weightsURL == weights)
        let discovered = BackboneZoo.discover(in: [(directory, .explicit)])
        #expect(discovered.entries.map(\.card.name) == [name] && discovered.problems.isEmpty)

        let loaded = try BackboneLoader.load(entry)
        #expect(loaded.report.isComplete && loaded.report.reinitialized.isEmpty)
        let fixture = try ResNetFixtures.file(name)
        let model = loaded.backbone
        model.setTraining(false)
        let logits = try withNoGradient { try model.logits(.dense(try fixture.tensor("input"))) }
        let expected = try fixture.tensor("eval_logits")
        #expect(maxRelativeDifference(logits, expected) <= 1e-3)
    }
}

private extension Data {
    /// The key table file also holds `"torchvision": "<version>"`, which is not a table.
    func removingVersionEntry() throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: self) as? [String: Any])
        object.removeValue(forKey: "torchvision")
        return try JSONSerialization.data(withJSONObject: object)
    }
}
