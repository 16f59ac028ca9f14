import ThawTensor

/// PyTorch's default initialisations, so a Thaw model built with a seed starts from the same
/// distribution as its PyTorch twin (values differ: the generators differ).
public enum Initialization {
    /// `nn.Linear` / `nn.Conv2d` default (Kaiming-uniform with a = √5): U(±1/√fan_in) for
    /// weights and biases alike.
    public static func fanInUniform(_ shape: [Int], fanIn: Int, generator: inout SeededGenerator) -> Parameter {
        let bound = 1 / Float(Swift.max(fanIn, 1)).squareRoot()
        return Parameter(Tensor.randomUniform(shape: shape, lower: -bound, upper: bound, generator: &generator))
    }

    /// `kaiming_normal_(mode="fan_out", nonlinearity="relu")`, torchvision's ResNet convolutions.
    public static func kaimingNormalFanOut(_ shape: [Int], generator: inout SeededGenerator) -> Parameter {
        let fanOut = shape[0] * shape.dropFirst(2).reduce(1, *)
        let std = (2 / Float(Swift.max(fanOut, 1))).squareRoot()
        return Parameter(Tensor.randomNormal(shape: shape, standardDeviation: std, generator: &generator))
    }

    /// N(0, std²), BERT's initialiser (std 0.02).
    public static func normal(_ shape: [Int], standardDeviation: Float, generator: inout SeededGenerator) -> Parameter {
        Parameter(Tensor.randomNormal(shape: shape, standardDeviation: standardDeviation, generator: &generator))
    }

    public static func constant(_ value: Float, _ shape: [Int], trainable: Bool = true) -> Parameter {
        Parameter(Tensor(repeating: value, shape: shape), requiresGradient: trainable)
    }
}
