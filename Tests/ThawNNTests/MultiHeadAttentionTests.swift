import Testing
import ThawNN
import ThawTensor
import ThawTestSupport

@Suite("nn.MultiheadAttention parity")
struct MultiHeadAttentionTests {
    @Test func matchesPyTorch() throws {
        let f = try ParityFixture("multihead_attention")
        var generator = SeededGenerator(seed: 1)
        let layer = MultiHeadAttention(embedding: 8, heads: 2, generator: &generator)
        layer.inProjectionWeight.assign(try f.tensor("in_proj_weight"))
        layer.inProjectionBias.assign(try f.tensor("in_proj_bias"))
        layer.outProjection.weight.assign(try f.tensor("out_proj_weight"))
        layer.outProjection.bias!.assign(try f.tensor("out_proj_bias"))
        #expect(layer.namedTensors().map(\.key) == ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"])
        let input = Parameter(try f.tensor("input"))
        let mask = try f.integers("key_padding_mask").map { $0 != 0 }
        let output = layer(input.tensor, keyPaddingMask: mask)
        #expect(maxRelativeDifference(output, try f.tensor("output")) <= 1e-4)
        let grads = gradients(of: output, seed: try f.tensor("grad_output"))
        let pairs: [(Parameter, String)] = [(input, "grad_input"), (layer.inProjectionWeight, "grad_in_proj_weight"),
                                            (layer.inProjectionBias, "grad_in_proj_bias"),
                                            (layer.outProjection.weight, "grad_out_proj_weight"),
                                            (layer.outProjection.bias!, "grad_out_proj_bias")]
        for (parameter, key) in pairs {
            let difference = maxRelativeDifference(try #require(grads[parameter]), try f.tensor(key))
            #expect(difference <= 1e-4, "\(key): \(difference)")
        }
    }
}
