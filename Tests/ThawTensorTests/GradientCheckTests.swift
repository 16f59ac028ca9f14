import Testing
import ThawTensor
import ThawTestSupport

@Suite("Finite-difference gradient checks")
struct GradientCheckTests {
    @Test(arguments: GradientCases.all)
    func gradientMatchesFiniteDifferences(_ testCase: GradientCase) {
        let results = testCase.checker.check(testCase.inputs(), testCase.function)
        for result in results {
            #expect(result.passed, "\(testCase.name): \(result)")
        }
    }

    /// Fails when an op is added to `Op` without a gradient check exercising it.
    @Test func everyOpHasAGradientCheck() {
        var covered: Set<OpKind> = []
        for testCase in GradientCases.all {
            let parameters = testCase.inputs().map { Parameter($0) }
            covered.formUnion(testCase.function(parameters.map(\.tensor)).recordedOpKinds)
        }
        let missing = Set(OpKind.allCases).subtracting(covered).map(\.rawValue).sorted()
        #expect(missing.isEmpty, "ops without a gradient check: \(missing)")
    }
}
