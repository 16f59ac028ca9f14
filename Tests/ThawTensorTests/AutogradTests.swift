import Testing
import ThawTensor
import ThawTestSupport

@Suite("Autograd")
struct AutogradTests {
    @Test func reusedParameterAccumulates() {
        // d/dw (w·w + 3w) = 2w + 3
        let w = Parameter(Tensor(shape: [1], scalars: [2]))
        let t = w.tensor
        let loss = (t * t + t * 3).sum()
        #expect(gradients(of: loss)[w]?.scalars == [7])
    }

    @Test func frozenParametersGetNoGradientAndNoGraph() {
        let frozen = Parameter(Tensor(shape: [2], scalars: [1, 2]), requiresGradient: false)
        let trained = Parameter(Tensor(shape: [2], scalars: [3, 4]))
        let hidden = frozen.tensor * 5
        #expect(!hidden.requiresGradient) // nothing recorded below a frozen layer
        let grads = gradients(of: (hidden * trained.tensor).sum())
        #expect(grads[frozen] == nil)
        #expect(grads[trained]?.scalars == [5, 10])
        #expect(grads.parameters.count == 1)
    }

    @Test func noGradientScopeRecordsNothing() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        let y = withNoGradient { (w.tensor * 2).sum() }
        #expect(!y.requiresGradient)
        #expect(gradients(of: y).isEmpty)
        #expect((w.tensor * 2).requiresGradient) // the scope ends with the closure
    }

    @Test func gradientsAreFreshEachPass() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        let first = gradients(of: (w.tensor * 3).sum())[w]?.scalars
        let second = gradients(of: (w.tensor * 3).sum())[w]?.scalars
        #expect(first == [3] && second == [3]) // no hidden .grad to accumulate into
    }

    @Test func parameterUpdateKeepsValuesAlreadyHandedOut() {
        let w = Parameter(Tensor(shape: [2], scalars: [1, 2]))
        let saved = w.tensor
        w.update { $0[0] = 100 }
        #expect(saved.scalars == [1, 2])
        #expect(w.value.scalars == [100, 2])
    }

    @Test func deepChainsDoNotOverflowTheStack() {
        let w = Parameter(Tensor(shape: [1], scalars: [1]))
        var x = w.tensor
        for _ in 0..<20_000 { x = x + 0.0 }
        #expect(gradients(of: x.sum())[w]?.scalars == [1])
    }
}
