import Testing
import ThawTrainingAPI
@testable import ThawTraining

@Suite("Diagnostics: surgical fine-tuning advisor")
struct DiagnosticsSurgicalFineTuningTests {
    let advisor = SurgicalFineTuningAdvisor(layout: TransferLayout(blocks: ["layer1", "layer2", "layer3", "layer4"],
                                                                   frozen: ["layer1", "layer2", "layer3"]))

    @Test func theBlockWithTheLargestRelativeGradientIsSuggested() throws {
        let blocks = [
            BlockGradient(path: "layer1", gradientNorm: 3.0, parameterNorm: 10), // 0.3
            BlockGradient(path: "layer2", gradientNorm: 1.0, parameterNorm: 10),
            BlockGradient(path: "layer3", gradientNorm: 2.0, parameterNorm: 20),
            BlockGradient(path: "layer4", gradientNorm: 4.0, parameterNorm: 40),
        ]
        #expect(advisor.suggestedBlock(blocks)?.path == "layer1")
        let report = try #require(advisor.evaluate(step: 0, blocks: blocks).first)
        #expect(report.severity == .info && report.kind == .surgicalFineTuning)
        #expect(report.actions == [.thaw(["layer1"]), .freeze(["layer4"])])
        #expect(report.evidence[0].detail == "layer1" && abs(report.evidence[0].value - 0.3) < 1e-12)
    }

    @Test func noBlockStandingOutGivesNoSuggestion() {
        let blocks = (1...4).map { BlockGradient(path: "layer\($0)", gradientNorm: 1 + 0.1 * Double($0), parameterNorm: 10) }
        #expect(advisor.evaluate(step: 0, blocks: blocks).isEmpty)
        #expect(advisor.evaluate(step: 0, blocks: [BlockGradient(path: "layer1", gradientNorm: 1, parameterNorm: 1)]).isEmpty)
    }
}
