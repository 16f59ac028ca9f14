import Foundation
import ThawMonitor
import ThawTUI
import ThawWorkbench

/// Deterministic runs for the monitor's reducer and snapshot tests: a fine-tuned run and its
/// scratch baseline logging the same tags, a Keras-style run with a NaN, and a run whose
/// file cannot be read. No files are touched.
enum MonitorFixtures {
    static func run(_ id: Int, _ name: String, format: SourceFormat = .tensorBoard, notes: FileNotes = FileNotes(),
                    _ tags: [String: [(Double, Double)]]) -> RunSnapshot {
        var data = RunData()
        for tag in tags.keys.sorted() { for (step, value) in tags[tag]! { data.append(tag: tag, step: step, value: value) } }
        let path = format == .tensorBoard ? "/logs/\(name)/events.out.tfevents.1700000000.host" : "/logs/\(name)"
        let file = FileStatus(path: path, bytesRead: 4096, size: 4096, notes: notes)
        return RunSnapshot(id: id, name: name, path: "/logs/\(name)", format: format, files: [file], data: data)
    }

    /// A noisy decreasing curve (a fixed sequence, no randomness).
    static func curve(_ steps: StrideThrough<Int>, start: Double, end: Double, rate: Double, wiggle: Double = 0.03) -> [(Double, Double)] {
        steps.map { step in
            let t = Double(step)
            return (t, end + (start - end) * exp(-t / rate) + wiggle * sin(t * 0.7))
        }
    }

    static let fineTuned = run(0, "resnet-ft", [
        "train/loss": curve(stride(from: 0, through: 300, by: 2), start: 2.3, end: 0.2, rate: 60),
        "val/accuracy": curve(stride(from: 20, through: 300, by: 20), start: 0.2, end: 0.91, rate: 50, wiggle: 0),
        "val/loss": curve(stride(from: 20, through: 300, by: 20), start: 2.0, end: 0.35, rate: 60, wiggle: 0),
        "lr": (0...150).map { (Double($0 * 2), 0.01 * pow(0.5, Double($0 / 50))) },
    ])

    static let scratch = run(1, "resnet-scratch", [
        "train/loss": curve(stride(from: 0, through: 300, by: 2), start: 2.3, end: 0.3, rate: 140),
        "val/accuracy": curve(stride(from: 20, through: 300, by: 20), start: 0.1, end: 0.93, rate: 120, wiggle: 0),
        "val/loss": curve(stride(from: 20, through: 300, by: 20), start: 2.3, end: 0.3, rate: 130, wiggle: 0),
        "lr": (0...150).map { (Double($0 * 2), 0.01 * pow(0.5, Double($0 / 50))) },
    ])

    static var kerasNotes: FileNotes {
        var notes = FileNotes()
        notes.pending = "half-written record at byte 4096 (29 bytes so far)"
        return notes
    }

    static let keras = run(2, "keras/validation", notes: kerasNotes, [
        "epoch_loss": [(0, 1.25), (1, 0.98), (2, .nan), (3, 0.62), (4, 0.49)],
        "epoch_accuracy": [(0, 0.25), (1, 0.42), (2, 0.54), (3, 0.63), (4, 0.69)],
    ])

    static var brokenNotes: FileNotes {
        var notes = FileNotes()
        notes.error = "cannot open: Permission denied"
        return notes
    }

    static let broken = run(3, "old/metrics.jsonl", format: .jsonl, notes: brokenNotes, [:])

    static let runs = [fineTuned, scratch, keras, broken]

    /// Every run received, the clock past the live window, no status.
    static func state(width: Int = 80, height: Int = 24) -> MonitorState {
        var state = MonitorState(roots: ["/logs"], size: Size(width: width, height: height))
        _ = MonitorApp.update(&state, .changes(MonitorChanges(runs: runs, rootProblems: [])))
        _ = MonitorApp.update(&state, .tick(60))
        return state
    }

    static func key(_ state: inout MonitorState, _ keys: Key...) -> [MonitorEffect] {
        keys.flatMap { MonitorApp.update(&state, .key($0)) }
    }

    static func screen(_ state: MonitorState, width: Int, height: Int, glyphs: GlyphSet = .unicode) -> Buffer {
        var state = state
        state.size = Size(width: width, height: height)
        var buffer = Buffer(width: width, height: height)
        MonitorApp.render(state, theme: Theme.default.withGlyphs(glyphs), into: &buffer)
        return buffer
    }
}
