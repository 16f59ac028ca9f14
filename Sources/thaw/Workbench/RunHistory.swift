import Foundation
import ThawTraining
import ThawTrainingAPI

/// Reads past run directories (`summary.json`, the epoch lines of `metrics.jsonl`,
/// `config.yaml`) into `RunRecord`s, newest first. A run still being written, or one with
/// unreadable files, is shown with what could be read rather than skipped.
enum RunHistory {
    static func load(_ runsDirectory: URL) -> [RunRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory.path)) ?? []
        var records: [(Date, RunRecord)] = []
        for name in names {
            let directory = runsDirectory.appendingPathComponent(name)
            let summaryURL = directory.appendingPathComponent("summary.json")
            let metricsURL = directory.appendingPathComponent("metrics.jsonl")
            guard FileManager.default.fileExists(atPath: summaryURL.path) || FileManager.default.fileExists(atPath: metricsURL.path) else { continue }
            let attributes = (try? FileManager.default.attributesOfItem(atPath: directory.path)) ?? [:]
            let created = attributes[.creationDate] as? Date ?? attributes[.modificationDate] as? Date ?? .distantPast
            records.append((created, record(directory, name: name)))
        }
        return records.sorted { $0.0 == $1.0 ? $0.1.directory > $1.1.directory : $0.0 > $1.0 }.map(\.1)
    }

    static func record(_ directory: URL, name: String) -> RunRecord {
        let summary = (try? Data(contentsOf: directory.appendingPathComponent("summary.json")))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        func number(_ key: String) -> Double? { (summary[key] as? NSNumber)?.doubleValue }
        let configText = try? String(contentsOf: directory.appendingPathComponent("config.yaml"), encoding: .utf8)
        let config = configText.flatMap { try? ExperimentFile.parse($0, file: directory.appendingPathComponent("config.yaml").path).config }
        return RunRecord(directory: directory.path, name: name, backbone: summary["backbone"] as? String ?? config?.backbone.name ?? "-",
                         state: summary["state"] as? String ?? "running?", bestValidationAccuracy: number("best_val_accuracy"),
                         finalValidationAccuracy: number("final_val_accuracy"), testAccuracy: number("test_accuracy"),
                         steps: (summary["steps"] as? NSNumber)?.intValue ?? 0, wallSeconds: number("wall_s"), config: config,
                         validationCurve: validationCurve(directory.appendingPathComponent("metrics.jsonl")))
    }

    /// Validation accuracy per epoch from the epoch lines (step lines are skipped cheaply).
    static func validationCurve(_ url: URL) -> [Double] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        var curve: [Double] = []
        let prefix = Array(#"{"kind":"epoch""#.utf8)
        for line in data.split(separator: UInt8(ascii: "\n")) where line.starts(with: prefix) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  object["kind"] as? String == "epoch" else { continue }
            curve.append((object["val_accuracy"] as? NSNumber)?.doubleValue ?? .nan)
        }
        return curve
    }

    /// A CSV comparison of runs; returns the file written.
    static func export(_ runs: [RunRecord], to directory: URL) throws -> URL {
        let stamp = DateFormatter()
        stamp.dateFormat = "yyyyMMdd-HHmmss"
        stamp.locale = Locale(identifier: "en_US_POSIX")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("comparison-\(stamp.string(from: Date())).csv")
        func field(_ text: String) -> String { text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text }
        func value(_ v: Double?) -> String { v.map { $0.isFinite ? String($0) : "" } ?? "" }
        var lines = ["run,backbone,state,best_val_accuracy,final_val_accuracy,test_accuracy,steps,wall_s,directory"]
        for r in runs {
            lines.append([field(r.name), field(r.backbone), field(r.state), value(r.bestValidationAccuracy), value(r.finalValidationAccuracy),
                          value(r.testAccuracy), "\(r.steps)", value(r.wallSeconds), field(r.directory)].joined(separator: ","))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
