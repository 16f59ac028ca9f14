import Dispatch
import Foundation
import Testing
import ThawTestSupport
import ThawTrainingAPI
import ThawWorkbench
@testable import thaw

/// The workbench's `.scoreBackbones` effect on the shipped sample data (MNIST digits 5–9 and
/// the three bundled backbones): the same numbers as `thaw rank`, never computed on the
/// thread that asked (the UI thread), and a newer request or a stop cancels the older job.
@Suite("Workbench transferability scoring", .serialized)
struct WorkbenchScoringTests {
    static let repository = ThawBinary.fixtures.deletingLastPathComponent().deletingLastPathComponent()
    static let backbones = repository.appendingPathComponent("sample-data/backbones")
    static let mnist = repository.appendingPathComponent("sample-data/mnist")
    static let names = ["smallcnn-mnist04", "smallcnn-permuted", "resnet18w8-fashion"]

    /// What `thaw rank --limit 300 --seed 1` reads: the whole file (no split held out), digits 5–9.
    static func request(job: Int) -> TransferabilityRequest {
        let data = DataConfig(train: mnist.appendingPathComponent("train-images-idx3-ubyte.gz").path,
                              labels: mnist.appendingPathComponent("train-labels-idx1-ubyte.gz").path,
                              split: SplitConfig(validation: 0, test: 0), classes: ["5", "6", "7", "8", "9"])
        return TransferabilityRequest(job: job, data: data, seed: 1, limit: 300)
    }

    static func runner(queue: DispatchQueue? = nil) -> EffectRunner {
        let zoo = ZooCatalog(directories: [(backbones, .sampleData)])
        return EffectRunner(zoo: zoo, baseDirectory: repository, computeThreads: 1,
                            scorer: queue.map { BackboneScorer(queue: $0) } ?? BackboneScorer())
    }

    /// The runner's transferability messages until one job has a result for each of its
    /// candidates (a hang guard of 120 s, not a speed limit).
    static func results(_ runner: EffectRunner, job: Int) -> [TransferabilityProgress] {
        var progress: [TransferabilityProgress] = []
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            for case .transferability(let p) in runner.drain() { progress.append(p) }
            let candidates = progress.compactMap { p -> Int? in if case let .started(j, sample) = p, j == job { sample.candidates.count } else { nil } }.first
            let done = progress.filter { if case let .result(j, _, _) = $0 { j == job } else { false } }.count
            if let candidates, done == candidates { break }
            if progress.contains(where: { if case .unavailable = $0 { true } else { false } }) { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return progress
    }

    @Test func sameNumbersAsThawRank() throws {
        let cards = Self.names.map { Self.backbones.appendingPathComponent("\($0).json").path }
        let rank = try ThawBinary.run(["rank", "--data", Self.mnist.appendingPathComponent("train-images-idx3-ubyte.gz").path,
                                       "--labels", Self.mnist.appendingPathComponent("train-labels-idx1-ubyte.gz").path,
                                       "--classes", "5,6,7,8,9", "--limit", "300", "--seed", "1", "--backbones"] + cards)
        #expect(rank.status == 0, "\(rank.stderr)")
        let printed = rank.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            .filter { $0.count == 6 && Int($0[0]) != nil }

        let runner = Self.runner()
        runner.perform(.scoreBackbones(Self.request(job: 1)))
        let progress = Self.results(runner, job: 1)
        guard case let .result(_, _, ranking?) = progress.last else { Issue.record("no ranking: \(progress)"); return }
        func f(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "-" }
        let shown = ranking.rows.map { ["\($0.rank)", $0.backbone, f($0.logME), f($0.leep), f($0.nce), f($0.hScore)] }
        #expect(shown == printed, "thaw rank printed\n\(rank.stdout)")
        #expect(shown.count == 3)
        #expect(rank.stdout.contains(ranking.isUncertain ? "uncertain: \(ranking.reason ?? "")" : "the metrics agree on the order"))
        for case let .result(_, outcome, _) in progress { print("scored \(outcome.backbone) on 300 examples in \(outcome.seconds ?? -1) s") }
    }

    /// The effect only enqueues: with the scoring queue held, `perform` returns and nothing
    /// has been computed; the results come once the queue runs.
    @Test func scoringNeverRunsOnTheCallingThread() {
        let queue = DispatchQueue(label: "test.transferability")
        queue.suspend()
        let runner = Self.runner(queue: queue)
        runner.perform(.scoreBackbones(Self.request(job: 4)))
        #expect(runner.drain().isEmpty, "perform returned before any scoring")
        queue.resume()
        let progress = Self.results(runner, job: 4)
        guard case let .started(_, sample) = progress.first else { Issue.record("\(progress)"); return }
        #expect(Set(sample.candidates) == Set(Self.names) && sample.skipped.isEmpty)
        #expect(progress.count == 4, "started, then one message per backbone")
    }

    @Test func aNewerRequestOrAStopCancelsTheOlderJob() {
        let queue = DispatchQueue(label: "test.transferability.cancel")
        queue.suspend()
        let runner = Self.runner(queue: queue)
        runner.perform(.scoreBackbones(Self.request(job: 1)))
        runner.perform(.scoreBackbones(Self.request(job: 2)))
        queue.resume()
        let progress = Self.results(runner, job: 2)
        #expect(progress.allSatisfy { $0.job == 2 }, "job 1 was replaced before it began")
        #expect(progress.count == 4)

        queue.suspend()
        runner.perform(.scoreBackbones(Self.request(job: 3)))
        runner.perform(.stopScoring)
        queue.resume()
        queue.sync {}
        #expect(runner.drain().isEmpty, "a stopped job posts nothing")
    }
}
