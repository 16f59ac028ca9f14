import Testing
import ThawModels
import ThawNN
import ThawTensor

/// The state dicts of full-size ResNets against the REAL torchvision models' (keys, order,
/// shapes, int64 counters) and the layer tree against `named_modules()`.
@Suite("ResNet keys match torchvision")
struct ResNetKeyTests {
    @Test(arguments: [18, 34, 50])
    func stateDictMatchesTorchvision(depth: Int) throws {
        let table = try #require(try ResNetFixtures.torchvisionKeys()["resnet\(depth)"])
        var generator = SeededGenerator(seed: UInt64(depth))
        let model = try ResNet(ResNetConfig(depth: depth, classes: 1000), generator: &generator)
        let ours = model.namedTensors().map {
            ResNetFixtures.KeyRow(key: $0.key, shape: $0.parameter.shape, dtype: $0.storedType == .int64 ? "int64" : "float32")
        }
        #expect(ours.count == table.stateDict.count)
        #expect(ours.map(\.key) == table.stateDict.map(\.key))
        for (mine, theirs) in zip(ours, table.stateDict) where mine != theirs {
            Issue.record("resnet\(depth): \(mine) vs torchvision \(theirs)")
        }
        #expect(model.namedModules().map(\.path) == table.modules)
        let expectedParameters = [18: 11_689_512, 34: 21_797_672, 50: 25_557_032][depth]
        #expect(model.parameterCount == expectedParameters)
        #expect(model.featureDimension == (depth == 50 ? 2048 : 512))
    }

    @Test func cifarStemHasNoMaxPoolAndA3x3Conv() throws {
        var generator = SeededGenerator(seed: 1)
        let model = try ResNet(ResNetConfig(depth: 18, classes: 10, stem: .cifar, baseWidth: 4), generator: &generator)
        #expect(model.conv1.weight.shape == [4, 3, 3, 3] && model.conv1.stride == (1, 1) && model.conv1.padding == (1, 1))
        #expect(model.maxpool == nil)
        #expect(!model.namedModules().map(\.path).contains("maxpool"))
        #expect(model.namedTensors().first?.key == "conv1.weight")
    }

    @Test func narrowAndMultiChannelVariants() throws {
        var generator = SeededGenerator(seed: 2)
        let config = ResNetConfig(depth: 50, classes: 7, stem: .imagenet, inputChannels: 1, baseWidth: 2)
        let model = try ResNet(config, generator: &generator)
        #expect(model.conv1.weight.shape == [2, 1, 7, 7])
        #expect(model.layer4.layers.count == 3)
        #expect(model.featureDimension == 2 * 8 * 4 && model.fc.weight.shape == [7, 64])
        let x = Tensor(zeros: [2, 1, 32, 32])
        #expect(model.features(x).shape == [2, 64])
        #expect(model(x).shape == [2, 7])
    }
}
