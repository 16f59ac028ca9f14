import Foundation
import Testing
import ThawNN
import ThawSafeTensors
import ThawTensor

/// A small model whose PyTorch twin is
/// `nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(4, 2))`.
func smallModel(seed: UInt64 = 1, classes: Int = 2) -> Sequential {
    var generator = SeededGenerator(seed: seed)
    return Sequential([
        Conv2d(inputs: 3, outputs: 4, kernel: 3, generator: &generator), BatchNorm2d(features: 4), ReLU(),
        AdaptiveAvgPool2d(), Flatten(), Linear(inputs: 4, outputs: classes, generator: &generator),
    ])
}

@Suite("Modules and state dicts")
struct ModuleTests {
    @Test func keysFollowPyTorchStateDictOrder() {
        let keys = smallModel().namedTensors().map(\.key)
        #expect(keys == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                         "1.num_batches_tracked", "5.weight", "5.bias"])
        #expect(smallModel().parameterCount == 4 * 3 * 9 + 4 + 4 + 4 + 8 + 2)
    }

    @Test func trainingModeReachesEveryModule() {
        let model = smallModel()
        model.setTraining(false)
        #expect(model.namedModules().allSatisfy { !$0.module.isTraining })
        #expect(model.namedModules().map(\.path) == ["", "0", "1", "2", "3", "4", "5"])
    }

    @Test func saveAndLoadRoundTrip() throws {
        let source = smallModel(seed: 1), target = smallModel(seed: 2)
        _ = source(randomInput([2, 3, 5, 5], seed: 3)) // moves BN statistics
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-nn-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try source.saveStateDict(to: url)
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(file.info("1.num_batches_tracked")?.dtype == .i64)
        let report = try target.loadStateDict(from: file)
        #expect(report.isComplete && report.loaded.count == 9)
        for (a, b) in zip(source.namedTensors(), target.namedTensors()) {
            #expect(a.parameter.value.scalars == b.parameter.value.scalars, "\(a.key)")
        }
    }

    @Test func newHeadIsReinitialisedNotAnError() throws {
        let source = smallModel(classes: 10), target = smallModel(classes: 3)
        let file = try SafeTensorsFile(bytes: try source.stateDictWriter().serialized(), name: "source.safetensors")
        let headBefore = target.namedTensors().last!.parameter.value.scalars
        let report = try target.loadStateDict(from: file, options: LoadOptions(headPrefixes: ["5"]))
        #expect(report.reinitialized.map(\.key) == ["5.weight", "5.bias"])
        #expect(report.reinitialized.first?.fileShape == [10, 4] && report.reinitialized.first?.modelShape == [3, 4])
        #expect(target.namedTensors().last!.parameter.value.scalars == headBefore)
        #expect(target.namedTensors()[0].parameter.value.scalars == source.namedTensors()[0].parameter.value.scalars)
    }

    @Test func mismatchIsRefusedWithoutPartialLoad() throws {
        var generator = SeededGenerator(seed: 9)
        let other = Sequential([Conv2d(inputs: 3, outputs: 5, kernel: 3, generator: &generator)])
        let file = try SafeTensorsFile(bytes: try other.stateDictWriter().serialized(), name: "other.safetensors")
        let target = smallModel()
        let before = target.namedTensors().map { $0.parameter.value.scalars }
        #expect {
            try target.loadStateDict(from: file)
        } throws: { error in
            guard case let StateDictError.incompatible(name, report) = error else { return false }
            let text = "\(error)"
            return name == "other.safetensors" && report.shapeMismatches.map(\.key) == ["0.weight", "0.bias"]
                && report.missing.contains("5.weight") && text.contains("0.weight is [5, 3, 3, 3] in the file but [4, 3, 3, 3] in the model")
        }
        #expect(target.namedTensors().map { $0.parameter.value.scalars } == before)
    }

    @Test func keyMapStripsPrefixesAndRenamesLeaves() {
        let map = KeyMap(strippedPrefixes: ["bert."], renamedLeaves: ["gamma": "weight", "beta": "bias"])
        #expect(map("bert.encoder.layer.0.output.LayerNorm.gamma") == "encoder.layer.0.output.LayerNorm.weight")
        #expect(map("classifier.weight") == "classifier.weight")
    }

    @Test func nonFiniteWeightsAreNeverSaved() {
        let model = smallModel()
        model.layers[5].namedTensors()[0].parameter.update { $0[0] = .nan }
        #expect(throws: StateDictError.nonFinite(key: "5.weight", count: 1)) { try model.stateDictWriter() }
    }

    @Test func frozenStatisticsStayPut() {
        let bn = BatchNorm2d(features: 2)
        bn.freezesStatistics = true
        _ = bn(randomInput([4, 2, 3, 3], seed: 1, mean: 5))
        #expect(bn.runningMean.value.scalars == [0, 0] && bn.numBatchesTracked.value.scalar == 0)
        bn.freezesStatistics = false
        _ = bn(randomInput([4, 2, 3, 3], seed: 1, mean: 5))
        #expect(bn.runningMean.value.scalars.allSatisfy { $0 > 0.3 } && bn.numBatchesTracked.value.scalar == 1)
    }
}

func randomInput(_ shape: [Int], seed: UInt64, mean: Float = 0) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randomNormal(shape: shape, mean: mean, generator: &generator)
}
