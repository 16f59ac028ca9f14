import Foundation
import Testing
import ThawModels
import ThawNN
import ThawSafeTensors
import ThawTensor
import ThawTestSupport

/// Tiny torchvision ResNets (width 4) against values PyTorch computed in float64 from the
/// same float32 weights and input (`Tests/Fixtures/resnet/record_resnet_fixtures.py`): eval
/// logits and pooled features, train-mode logits, gradients of `Σ logits ⊙ grad_output` for
/// the input and named parameters, and every BatchNorm buffer after one train-mode forward.
///
/// The bar is the suite's 1e-4 (`maxRelativeDifference`), widened only where PyTorch's own
/// float32 backends miss it: to 4× the largest deviation among them (recorded per result in
/// the fixture as `torch_float32_error`). Eval outputs of the ResNet-18 twins and most
/// running statistics stay at 1e-4; deep train-mode gradients of these tiny nets are
/// ill-conditioned (BatchNorm over 2 values per channel in `layer4`, ReLU kinks under large
/// upstream gradients: a 1e-6 relative nudge to one activation moves some elements by
/// more than the tolerance floor), so no float32 implementation reproduces them to 1e-4.
/// A wrong architecture or gradient rule misses by orders of magnitude more.
@Suite("ResNet parity with torchvision")
struct ResNetParityTests {
    static let cases = ["resnet18_cifar_w4", "resnet18_imagenet_w4", "resnet50_imagenet_w4"]
    static let tolerance = 1e-4
    static let float32Margin = 4.0

    /// The model a fixture describes, with the fixture's state dict loaded.
    static func model(for fixture: SafeTensorsFile, _ name: String) throws -> ResNet {
        let config = ResNetConfig(depth: try fixture.metaInt("depth"), classes: try fixture.metaInt("classes"),
                                  stem: try #require(ResNetStem(rawValue: try fixture.meta("stem"))),
                                  inputChannels: try fixture.metaInt("input_channels"), baseWidth: try fixture.metaInt("base_width"))
        var generator = SeededGenerator(seed: 7)
        let model = try ResNet(config, generator: &generator)
        let report = try model.loadStateDict(from: try ResNetFixtures.file("\(name)_state"))
        #expect(report.isComplete && report.reinitialized.isEmpty && report.loaded.count == model.namedTensors().count)
        return model
    }

    @Test(arguments: cases)
    func matchesTorchvision(_ name: String) throws {
        let fixture = try ResNetFixtures.file(name)
        let float32Error = try JSONDecoder().decode([String: Double].self, from: Data(try fixture.meta("torch_float32_error").utf8))
        let model = try Self.model(for: fixture, name)
        let input = try fixture.tensor("input")
        var lines: [String] = []
        var worst = (key: "", ratio: 0.0)
        func compare(_ key: String, _ actual: Tensor) throws {
            let expected = try fixture.tensor(key)
            guard actual.shape == expected.shape else {
                Issue.record("\(name) \(key): shape \(actual.shape), expected \(expected.shape)")
                return
            }
            let difference = maxRelativeDifference(actual, expected)
            let bar = Swift.max(Self.tolerance, Self.float32Margin * (float32Error[key] ?? 0))
            #expect(difference <= bar, "\(name) \(key) differs by \(difference) (bar \(bar), PyTorch float32 \(float32Error[key] ?? 0))")
            if difference / bar > worst.ratio { worst = (key, difference / bar) }
            if difference > Self.tolerance / 10 {
                lines.append("  \(key): \(String(format: "%.2e", difference)) (PyTorch float32 \(float32Error[key] ?? 0))")
            }
        }

        model.setTraining(false)
        try withNoGradient {
            try compare("eval_features", model.features(input))
            try compare("eval_logits", model(input))
        }
        #expect(model.namedTensors().filter(\.isBuffer).allSatisfy { tensor in
            (try? fixture.tensor("after.\(tensor.key)")) != nil
        })

        model.setTraining(true)
        let x = Parameter(input)
        let logits = model(x.tensor)
        try compare("train_logits", logits)
        let grads = gradients(of: logits, seed: try fixture.tensor("grad_output"))
        try compare("grad_input", try #require(grads[x]))
        let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters())
        for key in try fixture.meta("gradient_keys").split(separator: ",").map(String.init) {
            let parameter = try #require(parameters[key], "no parameter \(key)")
            try compare("grad.\(key)", try #require(grads[parameter], "no gradient for \(key)"))
        }
        for tensor in model.namedTensors() where tensor.isBuffer {
            try compare("after.\(tensor.key)", tensor.parameter.value)
        }
        print("parity \(name): closest to its bar \(worst.key) at \(String(format: "%.2f", worst.ratio)) of it; differences above 1e-5:\n"
            + lines.joined(separator: "\n"))
    }
}
