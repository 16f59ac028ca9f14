import Testing
import ThawTensor
import ThawTestSupport

/// Forward and backward against values PyTorch recorded (`Tests/Fixtures/record_fixtures.py`).
/// The tolerance is the issue's: 1e-4 relative (with a floor for values near zero, see
/// `maxRelativeDifference`).
@Suite("PyTorch parity")
struct ParityTests {
    static let tolerance = 1e-4

    /// Runs `forward` on the fixture's named inputs (as trainable parameters), checks `output`,
    /// then back-propagates the stored `grad_output` and checks every `grad_<input>`.
    func check(_ name: String, inputs: [String], forward: (ParityFixture, [Tensor]) throws -> Tensor) throws {
        let fixture = try ParityFixture(name)
        let parameters = try inputs.map { Parameter(try fixture.tensor($0)) }
        let output = try forward(fixture, parameters.map(\.tensor))
        let expected = try fixture.tensor("output")
        let forwardDifference = maxRelativeDifference(output, expected)
        #expect(forwardDifference <= Self.tolerance, "\(name) output differs by \(forwardDifference)")
        let grads = gradients(of: output, seed: try fixture.tensor("grad_output"))
        var report = "parity \(name): output \(forwardDifference)"
        for (key, parameter) in zip(inputs, parameters) where fixture.has("grad_\(key)") {
            let gradient = try #require(grads[parameter], "\(name): no gradient for \(key)")
            let difference = maxRelativeDifference(gradient, try fixture.tensor("grad_\(key)"))
            #expect(difference <= Self.tolerance, "\(name) grad_\(key) differs by \(difference)")
            report += ", grad_\(key) \(difference)"
        }
        print(report)
    }

    @Test(arguments: ["conv2d_basic", "conv2d_strided_dilated", "conv2d_groups", "conv2d_depthwise",
                      "conv2d_1x1_nobias", "conv2d_rect"])
    func conv2dMatchesPyTorch(_ name: String) throws {
        let hasBias = try ParityFixture(name).has("bias")
        try check(name, inputs: hasBias ? ["input", "weight", "bias"] : ["input", "weight"]) { f, t in
            conv2d(t[0], weight: t[1], bias: hasBias ? t[2] : nil, stride: try f.pair("stride"), padding: try f.pair("padding"),
                   dilation: try f.pair("dilation"), groups: Int(try f.metadata("groups")) ?? 0)
        }
    }

    @Test(arguments: ["batchnorm_train", "batchnorm_eval", "batchnorm_train_1d"])
    func batchNormMatchesPyTorch(_ name: String) throws {
        let fixture = try ParityFixture(name)
        let runningMean = Parameter(try fixture.tensor("running_mean_before"), requiresGradient: false)
        let runningVariance = Parameter(try fixture.tensor("running_var_before"), requiresGradient: false)
        try check(name, inputs: ["input", "weight", "bias"]) { f, t in
            batchNorm(t[0], weight: t[1], bias: t[2], runningMean: runningMean, runningVariance: runningVariance,
                      training: try f.metadata("training") == "true", momentum: try f.number("momentum"), epsilon: try f.number("eps"))
        }
        #expect(maxRelativeDifference(runningMean.value, try fixture.tensor("running_mean_after")) <= Self.tolerance)
        #expect(maxRelativeDifference(runningVariance.value, try fixture.tensor("running_var_after")) <= Self.tolerance)
    }

    @Test(arguments: ["layernorm", "layernorm_eps12"])
    func layerNormMatchesPyTorch(_ name: String) throws {
        try check(name, inputs: ["input", "weight", "bias"]) { f, t in
            layerNorm(t[0], normalizedShape: t[1].shape, weight: t[1], bias: t[2], epsilon: try f.number("eps"))
        }
    }

    @Test(arguments: ["attention_masked", "attention_nomask"])
    func attentionMatchesPyTorch(_ name: String) throws {
        let fixture = try ParityFixture(name)
        let mask = fixture.has("key_padding_mask") ? try fixture.integers("key_padding_mask").map { $0 != 0 } : nil
        try check(name, inputs: ["q", "k", "v"]) { _, t in
            scaledDotProductAttention(query: t[0], key: t[1], value: t[2], keyPaddingMask: mask)
        }
    }

    @Test(arguments: ["cross_entropy_basic", "cross_entropy_smoothing", "cross_entropy_ignore"])
    func crossEntropyMatchesPyTorch(_ name: String) throws {
        let fixture = try ParityFixture(name)
        let targets = try fixture.integers("targets")
        try check(name, inputs: ["logits"]) { f, t in
            softmaxCrossEntropy(logits: t[0], targets: targets,
                                options: .init(labelSmoothing: try f.number("label_smoothing"),
                                               ignoreIndex: Int(try f.metadata("ignore_index")) ?? 0))
        }
    }

    @Test func mseMatchesPyTorch() throws {
        try check("mse", inputs: ["input", "target"]) { _, t in meanSquaredError(t[0], t[1]) }
    }

    @Test(arguments: ["maxpool2d", "maxpool2d_pad"])
    func maxPoolMatchesPyTorch(_ name: String) throws {
        try check(name, inputs: ["input"]) { f, t in
            maxPool2d(t[0], kernel: try f.pair("kernel_size"), stride: try f.pair("stride"),
                      padding: try f.pair("padding"), dilation: try f.pair("dilation"))
        }
    }

    @Test func avgPoolMatchesPyTorch() throws {
        try check("avgpool2d", inputs: ["input"]) { f, t in
            avgPool2d(t[0], kernel: try f.pair("kernel_size"), stride: try f.pair("stride"), padding: try f.pair("padding"),
                      countIncludePad: try f.metadata("count_include_pad") == "true")
        }
    }

    @Test(arguments: ["adaptive_avgpool2d", "adaptive_avgpool2d_1x1"])
    func adaptiveAvgPoolMatchesPyTorch(_ name: String) throws {
        try check(name, inputs: ["input"]) { f, t in adaptiveAvgPool2d(t[0], outputSize: try f.pair("output_size")) }
    }

    @Test func softmaxFamilyMatchesPyTorch() throws {
        try check("softmax", inputs: ["input"]) { _, t in t[0].softmax(axis: 1) }
        try check("log_softmax", inputs: ["input"]) { _, t in t[0].logSoftmax(axis: 1) }
    }

    @Test func geluMatchesPyTorch() throws {
        try check("gelu_erf", inputs: ["input"]) { _, t in t[0].gelu() }
        try check("gelu_tanh", inputs: ["input"]) { _, t in t[0].gelu(approximation: .tanh) }
    }

    @Test func embeddingMatchesPyTorch() throws {
        let fixture = try ParityFixture("embedding")
        let indices = try fixture.integers("indices")
        let shape = try #require(fixture.file.info("indices")).shape
        try check("embedding", inputs: ["weight"]) { _, t in embedding(t[0], indices: indices, indexShape: shape) }
    }
}
