import Testing
import ThawTensor
@testable import ThawTraining

/// Hand-computed updates for a constant gradient, following PyTorch's documented rules.
@Suite("Optimizers")
struct OptimizerTests {
    func store(_ parameter: Parameter, gradient: [Float]) -> GradientStore {
        var store = GradientStore()
        store.set(Tensor(shape: parameter.shape, scalars: gradient), for: parameter)
        return store
    }

    @Test func sgdMomentumStartsFromTheFirstGradient() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        var sgd = SGD(momentum: 0.9)
        sgd.step(store(w, gradient: [0.5]), learningRate: 0.1)
        #expect(abs(w.value.scalar - 0.95) < 1e-6)          // v = 0.5
        sgd.step(store(w, gradient: [0.5]), learningRate: 0.1)
        #expect(abs(w.value.scalar - 0.855) < 1e-6)         // v = 0.9·0.5 + 0.5 = 0.95
    }

    @Test func sgdNesterovAndWeightDecay() {
        let w = Parameter(Tensor(shape: [1], scalars: [2]))
        var sgd = SGD(momentum: 0.5, nesterov: true, weightDecay: 0.1)
        sgd.step(store(w, gradient: [1]), learningRate: 0.1)
        // d = 1 + 0.1·2 = 1.2; v = 1.2; w = 2 − 0.1·(1.2 + 0.5·1.2) = 1.82
        #expect(abs(w.value.scalar - 1.82) < 1e-6)
    }

    @Test func adamWFirstStepMovesByTheLearningRate() {
        let w = Parameter(Tensor(shape: [2], scalars: [1, -1]))
        var adam = Adam.adamW(weightDecay: 0.01)
        adam.step(store(w, gradient: [0.5, -3]), learningRate: 0.1)
        // Bias-corrected first step is lr·sign(g) after the decoupled decay w·(1 − lr·wd).
        #expect(abs(w.value.scalars[0] - (0.999 - 0.1)) < 1e-5)
        #expect(abs(w.value.scalars[1] - (-0.999 + 0.1)) < 1e-5)
    }

    @Test func adamL2DecayJoinsTheGradient() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        var adam = Adam(weightDecay: 0.5)
        adam.step(store(w, gradient: [-0.25]), learningRate: 0.1)
        // d = −0.25 + 0.5·1 = 0.25 > 0, so the step goes down by lr.
        #expect(abs(w.value.scalar - 0.9) < 1e-5)
    }

    @Test func updatesDoNotChangeTensorsHandedOutEarlier() {
        let w = Parameter(Tensor(shape: [2], scalars: [1, 2]))
        let before = w.value
        var sgd = SGD()
        sgd.step(store(w, gradient: [1, 1]), learningRate: 1)
        #expect(before.scalars == [1, 2])
        #expect(w.value.scalars == [0, 1])
    }
}
