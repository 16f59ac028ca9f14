import Foundation
import Testing
import ThawTrainingAPI

/// Schedules against the learning rates PyTorch's schedulers produce
/// (`Tests/Fixtures/schedules/record_schedule_fixtures.py`).
@Suite("Learning-rate schedules")
struct LRScheduleTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let args: [String: Double]
            let rates: [Double]
        }
        let base: Double
        let milestones: [Int]
        let cases: [Case]
    }

    /// Empty when the fixture cannot be read; `fixtureLoads` then fails with the reason.
    static let fixture: Fixture = (try? loadFixture()) ?? Fixture(base: 0, milestones: [], cases: [])

    static func loadFixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schedules/torch_schedules.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func fixtureLoads() throws {
        #expect(try Self.loadFixture().cases.count == 8)
    }

    static func schedule(for c: Fixture.Case, base: Double) -> LRSchedule {
        let a = c.args
        switch c.name {
        case "step": return LRSchedule(base: base, shape: .step(every: Int(a["every"]!), gamma: a["gamma"]!))
        case "multiStep": return LRSchedule(base: base, shape: .multiStep(milestones: fixture.milestones, gamma: a["gamma"]!))
        case "exponential": return LRSchedule(base: base, shape: .exponential(gamma: a["gamma"]!))
        case "cosine": return LRSchedule(base: base, shape: .cosine(period: Int(a["period"]!), minimumFactor: a["minimumFactor"]!, restarts: false, periodMultiplier: 1))
        case "cosineRestarts": return LRSchedule(base: base, shape: .cosine(period: Int(a["period"]!), minimumFactor: 0, restarts: true, periodMultiplier: a["periodMultiplier"]!))
        case "oneCycle": return LRSchedule(base: base, shape: .oneCycle(total: Int(a["total"]!), peakFraction: a["peakFraction"]!, divFactor: a["divFactor"]!, finalDivFactor: a["finalDivFactor"]!))
        case "linearWarmup": return LRSchedule(base: base, warmupSteps: Int(a["warmupSteps"]!), warmupStartFactor: a["warmupStartFactor"]!)
        case "slantedTriangular": return LRSchedule(base: base, shape: .slantedTriangular(total: Int(a["total"]!), cutFraction: a["cutFraction"]!, ratio: a["ratio"]!))
        default: fatalError("unknown case \(c.name)")
        }
    }

    @Test(arguments: fixture.cases.map(\.name))
    func matchesPyTorch(_ name: String) {
        let c = Self.fixture.cases.first { $0.name == name }!
        let schedule = Self.schedule(for: c, base: Self.fixture.base)
        #expect(schedule.validationProblem() == nil)
        // PyTorch's CosineAnnealingLR climbs again after T_max; Thaw holds the minimum there,
        // which is what a user who asks for a decay to a floor expects.
        let compared = name == "cosine" ? c.rates.prefix(Int(c.args["period"]!) + 1) : c.rates[...]
        for (step, expected) in compared.enumerated() {
            let got = schedule.rate(at: step)
            #expect(abs(got - expected) <= 1e-9 + 1e-6 * abs(expected), "\(name) step \(step): \(got) vs \(expected)")
        }
    }

    @Test func inverseSquareRootPeaksAtTheEndOfWarmup() {
        let s = LRSchedule(base: 1, shape: .inverseSquareRoot(warmup: 100))
        #expect(abs(s.rate(at: 99) - 1) < 1e-12)
        #expect(s.rate(at: 49) < s.rate(at: 99) && abs(s.rate(at: 399) - 0.5) < 1e-12)
    }

    @Test func piecewiseInterpolatesAndHoldsTheEnds() {
        let s = LRSchedule(base: 2, shape: .piecewise(points: [.init(step: 10, factor: 1), .init(step: 20, factor: 0)]))
        #expect(s.rate(at: 0) == 2 && s.rate(at: 15) == 1 && s.rate(at: 100) == 0)
    }

    @Test func invalidSchedulesAreExplained() {
        #expect(LRSchedule(base: -1).validationProblem() != nil)
        #expect(LRSchedule(base: .nan).validationProblem() != nil)
        #expect(LRSchedule(base: 1, shape: .step(every: 0, gamma: 0.5)).validationProblem() != nil)
    }

    @Test func roundTripsThroughJSON() throws {
        let s = LRSchedule(base: 3e-4, shape: .oneCycle(total: 100, peakFraction: 0.25, divFactor: 25, finalDivFactor: 1e4), warmupSteps: 0)
        #expect(try JSONDecoder().decode(LRSchedule.self, from: JSONEncoder().encode(s)) == s)
    }
}
