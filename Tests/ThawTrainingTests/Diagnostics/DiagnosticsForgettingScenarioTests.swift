import Foundation
import Synchronization
import Testing
import ThawTrainingAPI
@testable import ThawTraining

/// Forgetting end to end on the bundled sample data, as `thaw train` runs it (the sample
/// experiment file, `RunBuilder`, the engine thread, the recorded session and its log): the
/// SmallCNN pretrained on MNIST digits 0–4, fine-tuned on the digits 5–9 with every layer
/// thawed at lr 0.01, loses its source task and the warning fires; trained as a linear probe
/// (body frozen) it keeps it and nothing is said. Sizes are cut down to keep it to a few
/// seconds.
@Suite("Diagnostics: forgetting on the bundled SmallCNN", .serialized)
struct DiagnosticsForgettingScenarioTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let experiment = repository.appendingPathComponent("sample-data/experiments/forgetting-digits59.yaml")

    /// The monitor's source-probe measurements, copied out of the engine thread.
    final class Measurements: Sendable {
        let accuracies = Mutex<[SourceProbeAccuracy]>([])
    }

    /// Lives on the engine thread beside the monitor and copies its measurements after each epoch.
    final class ProbeSpy: TrainingObserver {
        let monitor: DiagnosticsMonitor?
        let out: Measurements
        init(_ monitor: DiagnosticsMonitor?, _ out: Measurements) { (self.monitor, self.out) = (monitor, out) }
        func trainer(_ trainer: Trainer, didFinishEpoch metrics: EpochMetrics) throws {
            let now = monitor?.sourceAccuracies ?? []
            out.accuracies.withLock { $0 = now }
        }
    }

    /// Runs the sample experiment with `overrides`; the findings, the source-probe accuracies
    /// and the run's `metrics.jsonl` lines.
    func run(_ overrides: [String]) throws -> (reports: [DiagnosticsReport], accuracies: [SourceProbeAccuracy], log: [String]) {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-forgetting-\(UUID())")
        defer { try? FileManager.default.removeItem(at: runs) }
        let experiment = try ExperimentFile.load(Self.experiment, overrides: [
            "data.limit=1000", "diagnostics.source_probe.limit=500", "output.runs=\(runs.path)",
        ] + overrides)
        let measurements = Measurements()
        let engine = TrainingEngine()
        engine.launch(startImmediately: true) {
            let prepared = try RunBuilder.prepare(experiment)
            let session = TrainingEngine.Session.recorded(prepared, recorder: try RunRecorder(prepared, command: "test"), events: engine.events)
            let probe = ProbeSpy(session.observers.first as? DiagnosticsMonitor, measurements)
            return .init(trainer: session.trainer, observers: session.observers + [probe], startCommands: session.startCommands)
        }
        #expect(engine.wait(timeout: 60))
        var reports: [DiagnosticsReport] = [], states: [TrainingState] = []
        for event in engine.events.drain() {
            if case .diagnostic(let report) = event { reports.append(report) }
            if case .state(let state) = event { states.append(state) }
        }
        #expect(states.last == .finished, "\(states)")
        let directory = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let log = try String(contentsOf: runs.appendingPathComponent(directory).appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        return (reports, measurements.accuracies.withLock { $0 }, log.split(separator: "\n").map(String.init))
    }

    func describe(_ accuracies: [SourceProbeAccuracy]) -> String {
        accuracies.map { "step \($0.step): \(String(format: "%.3f", $0.accuracy))" }.joined(separator: ", ")
    }

    @Test func fineTuningEverythingFastForgetsTheSourceTask() throws {
        let (reports, accuracies, log) = try run([])
        print("forgetting-digits59, all layers at lr 0.01, source probe: \(describe(accuracies))")
        #expect(accuracies.count == 4 && accuracies.first?.step == 0, "\(describe(accuracies))")
        #expect((accuracies.first?.accuracy ?? 0) > 0.95, "the pretrained backbone knows its source task")
        let warning = try #require(reports.first { $0.kind == .forgetting }, "\(describe(accuracies))")
        #expect(warning.severity == .warning && warning.actions.first == .scaleLearningRate(group: nil, factor: 0.1))
        #expect(warning.actions.contains(.freeze(["features"])))
        #expect(warning.evidence[1].value == accuracies[0].accuracy && warning.evidence[2].value > 10)
        #expect(log.contains { $0.contains(#""diagnostic":"forgetting""#) && $0.contains(#""severity":"warning""#) })
    }

    @Test func aLinearProbeKeepsTheSourceTask() throws {
        let (reports, accuracies, _) = try run(["freeze.frozen=[features, classifier.0]"])
        print("forgetting-digits59 as a linear probe, source probe: \(describe(accuracies))")
        #expect(accuracies.count == 4)
        #expect(accuracies.allSatisfy { $0.accuracy == accuracies[0].accuracy }, "a frozen body computes the same features")
        #expect(!reports.contains { $0.kind == .forgetting })
    }
}
