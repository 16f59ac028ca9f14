import Testing
import ThawTensor
@testable import ThawTraining

/// Hand-computed updates for a constant gradient, following PyTorch's documented rules.
@Suite("Optimizers")
struct OptimizerTests {
    func update<O: Optimizer>(_ optimizer: inout O, _ w: Parameter, gradient: [Float], lr: Float, wd: Float = 0) {
        optimizer.update(w, key: "w", gradient: Tensor(shape: w.shape, scalars: gradient), learningRate: lr, weightDecay: wd)
    }

    @Test func sgdMomentumStartsFromTheFirstGradient() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        var sgd = SGD(momentum: 0.9)
        update(&sgd, w, gradient: [0.5], lr: 0.1)
        #expect(abs(w.value.scalar - 0.95) < 1e-6)          // v = 0.5
        update(&sgd, w, gradient: [0.5], lr: 0.1)
        #expect(abs(w.value.scalar - 0.855) < 1e-6)         // v = 0.9·0.5 + 0.5 = 0.95
    }

    @Test func sgdNesterovAndWeightDecay() {
        let w = Parameter(Tensor(shape: [1], scalars: [2]))
        var sgd = SGD(momentum: 0.5, nesterov: true)
        update(&sgd, w, gradient: [1], lr: 0.1, wd: 0.1)
        // d = 1 + 0.1·2 = 1.2; v = 1.2; w = 2 − 0.1·(1.2 + 0.5·1.2) = 1.82
        #expect(abs(w.value.scalar - 1.82) < 1e-6)
    }

    @Test func adamWFirstStepMovesByTheLearningRate() {
        let w = Parameter(Tensor(shape: [2], scalars: [1, -1]))
        var adam = Adam.adamW()
        update(&adam, w, gradient: [0.5, -3], lr: 0.1, wd: 0.01)
        // Bias-corrected first step is lr·sign(g) after the decoupled decay w·(1 − lr·wd).
        #expect(abs(w.value.scalars[0] - (0.999 - 0.1)) < 1e-5)
        #expect(abs(w.value.scalars[1] - (-0.999 + 0.1)) < 1e-5)
    }

    @Test func adamL2DecayJoinsTheGradient() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        var adam = Adam()
        update(&adam, w, gradient: [-0.25], lr: 0.1, wd: 0.5)
        // d = −0.25 + 0.5·1 = 0.25 > 0, so the step goes down by lr.
        #expect(abs(w.value.scalar - 0.9) < 1e-5)
    }

    @Test func updatesDoNotChangeTensorsHandedOutEarlier() {
        let w = Parameter(Tensor(shape: [2], scalars: [1, 2]))
        let before = w.value
        var sgd = SGD()
        update(&sgd, w, gradient: [1, 1], lr: 1)
        #expect(before.scalars == [1, 2])
        #expect(w.value.scalars == [0, 1])
    }

    @Test func stateRestoresExactly() throws {
        let a = Parameter(Tensor(shape: [3], scalars: [1, 2, 3])), b = Parameter(Tensor(shape: [3], scalars: [1, 2, 3]))
        var first = Adam.adamW(), second = Adam.adamW()
        for step in 0..<3 { first.update(a, key: "w", gradient: Tensor(shape: [3], scalars: [0.1, Float(step), -1]), learningRate: 0.01, weightDecay: 0.1) }
        b.assign(a.value)
        try second.restore(first.state, parameters: ["w": b])
        let g = Tensor(shape: [3], scalars: [0.3, -0.2, 0.5])
        first.update(a, key: "w", gradient: g, learningRate: 0.01, weightDecay: 0.1)
        second.update(b, key: "w", gradient: g, learningRate: 0.01, weightDecay: 0.1)
        #expect(a.value.scalars == b.value.scalars)
        #expect(throws: OptimizerStateError.self) { try second.restore(first.state, parameters: ["w": Parameter(Tensor(zeros: [2]))]) }
    }
}
