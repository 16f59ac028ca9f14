import Foundation
import Testing
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTrainingAPI
@testable import ThawTraining

/// AdaBN and the BatchNorm statistics probe on a tiny network with PyTorch's answer recorded
/// (`Tests/Fixtures/adabn/record_adabn_fixture.py`): source statistics from N(0, 1) inputs,
/// target batches from 2.5·N(0, 1) + 1.5.
@Suite("Diagnostics: AdaBN")
struct DiagnosticsAdaBNTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/adabn/adabn.safetensors")

    let file: SafeTensorsFile
    let net: Sequential
    let batches: [Tensor]

    init() throws {
        file = try SafeTensorsFile(contentsOf: Self.fixture)
        var generator = SeededGenerator(seed: 0)
        net = Sequential([Conv2d(inputs: 2, outputs: 3, kernel: 3, padding: 1, generator: &generator), BatchNorm2d(features: 3), ReLU(),
                          Flatten(), Linear(inputs: 48, outputs: 5, generator: &generator), BatchNorm2d(features: 5)])
        for tensor in net.namedTensors() {
            tensor.parameter.assign(Tensor(shape: tensor.parameter.shape, scalars: try file.floats("source/" + tensor.key)))
        }
        let file = self.file
        batches = try (0..<3).map { i in Tensor(shape: [6, 2, 4, 4], scalars: try file.floats("target/\(i)")) }
    }

    var norms: [BatchNorm2d] { [net.layers[1], net.layers[5]].map { $0 as! BatchNorm2d } }
    func forward(_ x: Tensor) { _ = net(x) }
    func everything() -> [[Float]] { net.namedTensors().map(\.parameter.value.scalars) }

    @Test func matchesPyTorchCumulativeRecalibration() throws {
        let weights = net.namedParameters().map(\.parameter.value.scalars)
        let used = try AdaBN.recalibrate(net, batches: batches, forward: forward)
        #expect(used.batches == 3 && used.examples == 18)
        var worst: Float = 0
        for key in ["1.running_mean", "1.running_var", "5.running_mean", "5.running_var", "1.num_batches_tracked", "5.num_batches_tracked"] {
            let expected = try file.floats("expected/" + key)
            let actual = try #require(net.namedTensors().first { $0.key == key }).parameter.value.scalars
            for (a, e) in zip(actual, expected) { worst = Swift.max(worst, abs(a - e) / Swift.max(1, abs(e))) }
        }
        print("AdaBN vs torch (momentum=None): max relative difference \(worst)")
        #expect(worst < 1e-5)
        #expect(net.namedParameters().map(\.parameter.value.scalars) == weights) // weights, affine ones included, untouched
        #expect(norms.allSatisfy { $0.momentum == 0.1 && $0.isTraining && !$0.freezesStatistics && $0.inputObserver == nil })
    }

    /// Cumulative average, computed directly for the first layer: its input is the convolution's
    /// output, so the mean of the batch means and the mean of the unbiased batch variances
    /// (m/(m−1) Bessel factor) can be written down without the network.
    @Test func firstLayerIsTheMeanOfBatchStatistics() throws {
        let conv = net.layers[0]
        var mean = [Double](repeating: 0, count: 3), variance = [Double](repeating: 0, count: 3)
        for batch in batches {
            let y = conv(batch).scalars // (6, 3, 4, 4)
            for c in 0..<3 {
                let values = (0..<6).flatMap { n in (0..<16).map { Double(y[(n * 3 + c) * 16 + $0]) } }
                let m = values.reduce(0, +) / Double(values.count)
                mean[c] += m / 3
                variance[c] += values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1) / 3
            }
        }
        _ = try AdaBN.recalibrate(net, batches: batches, forward: forward)
        for c in 0..<3 {
            #expect(abs(Double(norms[0].runningMean.value.scalars[c]) - mean[c]) < 1e-5 * Swift.max(1, abs(mean[c])))
            #expect(abs(Double(norms[0].runningVariance.value.scalars[c]) - variance[c]) < 1e-5 * Swift.max(1, variance[c]))
        }
        #expect(norms[0].numBatchesTracked.value.scalar == 3)
    }

    @Test func theShiftDropsToAboutZero() throws {
        let detector = BatchNormShiftDetector()
        let before = BatchNormProbe.measure(net, batches: batches, forward: forward)
        #expect(before.map(\.path) == ["1", "5"])
        let shiftBefore = try #require(detector.meanShift(before))
        #expect(detector.evaluate(step: 0, layers: before).first?.severity == .warning)
        _ = try AdaBN.recalibrate(net, batches: batches, forward: forward)
        let after = BatchNormProbe.measure(net, batches: batches, forward: forward)
        let shiftAfter = try #require(detector.meanShift(after))
        print("constructed shift: mean symmetric KL \(shiftBefore) before AdaBN, \(shiftAfter) after")
        #expect(shiftBefore > 1 && shiftAfter < 0.05)
        #expect(detector.evaluate(step: 0, layers: after).isEmpty)
        #expect(detector.evaluate(step: 0, layers: after, reportFit: true).first?.severity == .info)
    }

    @Test func measuringChangesNothing() {
        norms[0].freezesStatistics = true
        net.setTraining(true)
        norms[1].isTraining = false
        let before = everything()
        _ = BatchNormProbe.measure(net, batches: batches, forward: forward)
        #expect(everything() == before)
        #expect(norms[0].freezesStatistics && norms[0].isTraining && !norms[1].isTraining && net.layers[0].isTraining)
        #expect(norms.allSatisfy { $0.inputObserver == nil })
    }

    @Test func aFailedPassPutsTheStatisticsBack() throws {
        struct Broken: Error {}
        let before = everything()
        var calls = 0
        #expect(throws: Broken.self) {
            try AdaBN.recalibrate(net, batches: batches) { x in
                calls += 1
                if calls == 2 { throw Broken() }
                _ = net(x)
            }
        }
        #expect(everything() == before)
        #expect(norms.allSatisfy { $0.momentum == 0.1 })
        let single = [Tensor(shape: [1, 2, 4, 4], scalars: [Float](repeating: 1, count: 32))]
        #expect(try AdaBN.recalibrate(net, batches: single, forward: forward).batches == 0) // one example: skipped
        #expect(everything() == before)
    }
}
