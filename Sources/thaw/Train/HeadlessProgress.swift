import Foundation
import ThawTrainingAPI

/// stderr output of a headless run: a one-line progress bar redrawn in place on a terminal
/// (plain lines otherwise), a line per epoch, and the outcome.
struct HeadlessProgress {
    let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastLine = Date.distantPast
    private var smoothedLoss: Double?

    init(quiet: Bool) { self.quiet = quiet }

    /// The exit status once the run is over, nil while it goes on.
    mutating func handle(_ event: TrainingEvent, interruption: Int32) -> Int32? {
        switch event {
        case .steps(let steps):
            guard let last = steps.last, !quiet else { return nil }
            for s in steps where s.loss.isFinite { smoothedLoss = smoothedLoss.map { 0.9 * $0 + 0.1 * s.loss } ?? s.loss }
            if Date().timeIntervalSince(lastLine) > (isTerminal ? 0.2 : 5) {
                lastLine = Date()
                let line = String(format: "epoch %d  step %d  loss %.4f  %.0f samples/s", last.epoch + 1, last.step,
                                  smoothedLoss ?? last.loss, last.samplesPerSecond)
                HeadlessOutput.status(line, inPlace: isTerminal)
            }
        case .epoch(let e):
            if !quiet {
                var line = String(format: "epoch %d: train loss %.4f, accuracy %.4f", e.epoch + 1, e.trainLoss, e.trainAccuracy)
                if let loss = e.validationLoss, let accuracy = e.validationAccuracy { line += String(format: "; validation loss %.4f, accuracy %.4f", loss, accuracy) }
                HeadlessOutput.status(line, inPlace: false)
            }
        case .log(let message):
            if !quiet { HeadlessOutput.note(message) }
        case .batchNormRecalibrated(let result):
            HeadlessOutput.note(result.summary)
        case .diagnostic(let report):
            HeadlessOutput.note("\(report.severity.name): \(report.title) — \(report.explanation)"
                                + (report.actions.first.map { " Suggested: \($0.label)." } ?? ""))
        case .state(let state):
            switch state {
            case .finished: return 0
            case .stopped: return interruption == SIGTERM ? 143 : (interruption == SIGINT ? 130 : 0)
            case .failed(let reason):
                HeadlessOutput.error(reason)
                return 1
            case .paused(let reason?):
                HeadlessOutput.error("stopped: \(reason)")
                return 3
            default: return nil
            }
        }
        return nil
    }

    func printSummary(_ url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path),
              let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        let keys = ["state", "best_val_accuracy", "final_val_accuracy", "test_accuracy", "steps", "wall_s"]
        let parts = keys.compactMap { key in summary[key].map { "\(key) \(format($0))" } }
        HeadlessOutput.note(parts.joined(separator: ", ") + "  (\(url.path))")
    }

    private func format(_ value: Any) -> String {
        if let number = value as? NSNumber, number.doubleValue != number.doubleValue.rounded() || number.doubleValue < 1 {
            return String(format: number.doubleValue < 10 ? "%.4f" : "%.1f", number.doubleValue)
        }
        if value is NSNull { return "-" }
        return "\(value)"
    }
}

enum HeadlessOutput {
    /// Clears an in-place progress line first, on a terminal only (logs get no escapes).
    private static var clear: String { isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : "" }

    static func status(_ line: String, inPlace: Bool) {
        FileHandle.standardError.write(Data((inPlace ? clear + line : clear + line + "\n").utf8))
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data((clear + line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data(("thaw: " + line + "\n").utf8))
    }
}
