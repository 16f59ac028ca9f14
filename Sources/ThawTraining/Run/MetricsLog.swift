import Foundation
import ThawTrainingAPI

/// `metrics.jsonl` and `metrics.csv` of a run, one line per step and per evaluation, written
/// as they happen (a kill loses at most the line being written).
///
/// Non-finite values are written as `null` with the field named in `"nonfinite"` (JSON has
/// no NaN, and dropping or averaging them would hide the very event the user must see).
final class MetricsLog {
    private let jsonl: FileHandle
    private let csv: FileHandle
    /// What resuming removed: (lines after the checkpoint, torn lines).
    private(set) var repaired = (later: 0, torn: 0)

    /// Opens the logs for appending. When resuming from a checkpoint taken after step
    /// `resumingAfter`, lines of later steps (written before a crash, and about to be written
    /// again) are removed first, and a torn last line is dropped; `repaired` says what was.
    init(directory: URL, resumingAfter step: Int? = nil) throws {
        let jsonlURL = directory.appendingPathComponent("metrics.jsonl"), csvURL = directory.appendingPathComponent("metrics.csv")
        if let step {
            repaired = try Self.truncate(jsonlURL, keepingThrough: step, stepOf: Self.jsonStep)
            _ = try Self.truncate(csvURL, keepingThrough: step, stepOf: Self.csvStep)
        }
        for url in [jsonlURL, csvURL] where !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        jsonl = try FileHandle(forWritingTo: jsonlURL)
        csv = try FileHandle(forWritingTo: csvURL)
        try jsonl.seekToEnd()
        if try csv.seekToEnd() == 0 { csv.write(Data("kind,step,epoch,loss,learning_rate,grad_norm,samples_per_s,train_loss,train_accuracy,val_loss,val_accuracy,elapsed_s\n".utf8)) }
    }

    deinit {
        try? jsonl.close()
        try? csv.close()
    }

    func write(_ m: StepMetrics) {
        let rate = m.learningRates.values.max()
        let norm = (m.gradientNorms.values.reduce(0) { $0 + $1 * $1 }).squareRoot()
        var fields: [(String, Any?)] = [("kind", "step"), ("step", m.step), ("epoch", m.epoch), ("loss", m.loss),
                                        ("grad_norm", norm), ("samples_per_s", m.samplesPerSecond), ("elapsed_s", m.elapsed)]
        fields.append(("lr", m.learningRates))
        jsonl.write(Data((Self.json(fields) + "\n").utf8))
        csv.write(Data(Self.csvLine(["step", m.step, m.epoch, m.loss, rate, norm, m.samplesPerSecond, nil, nil, nil, nil, m.elapsed]).utf8))
    }

    func write(_ m: EpochMetrics) {
        let fields: [(String, Any?)] = [("kind", "epoch"), ("step", m.step), ("epoch", m.epoch), ("train_loss", m.trainLoss),
                                        ("train_accuracy", m.trainAccuracy), ("val_loss", m.validationLoss),
                                        ("val_accuracy", m.validationAccuracy), ("scratch_val_loss", m.scratchValidationLoss),
                                        ("scratch_val_accuracy", m.scratchValidationAccuracy)]
        jsonl.write(Data((Self.json(fields) + "\n").utf8))
        csv.write(Data(Self.csvLine(["epoch", m.step, m.epoch, nil, nil, nil, nil, m.trainLoss, m.trainAccuracy,
                                     m.validationLoss, m.validationAccuracy, nil]).utf8))
    }

    func writeDiagnostic(_ r: DiagnosticsReport) {
        var fields: [(String, Any?)] = [("kind", "diagnostic"), ("step", r.step), ("diagnostic", r.kind.rawValue),
                                        ("severity", r.severity.name), ("title", r.title), ("explanation", r.explanation),
                                        ("source", r.source)]
        var evidence: [String: Double] = [:]
        for item in r.evidence { evidence[item.detail.map { "\(item.name) (\($0))" } ?? item.name] = item.value }
        fields.append(("evidence", evidence))
        fields.append(("actions", r.actions.map(\.label).joined(separator: "; ")))
        jsonl.write(Data((Self.json(fields) + "\n").utf8))
    }

    /// An AdaBN recalibration or its undo (kind "batchnorm-recalibration").
    func writeRecalibration(_ r: BatchNormRecalibration) {
        let fields: [(String, Any?)] = [("kind", "batchnorm-recalibration"), ("step", r.step), ("action", r.kind.rawValue),
                                        ("layers", r.layers), ("batches", r.batches), ("examples", r.examples),
                                        ("shift_before", r.shiftBefore), ("shift_after", r.shiftAfter), ("seconds", r.seconds),
                                        ("message", r.summary)]
        jsonl.write(Data((Self.json(fields) + "\n").utf8))
    }

    func writeEvent(_ kind: String, _ message: String, step: Int) {
        jsonl.write(Data((Self.json([("kind", kind), ("step", step), ("message", message)]) + "\n").utf8))
    }

    /// One JSON object; nil fields are left out, non-finite numbers become null and are listed.
    static func json(_ fields: [(String, Any?)]) -> String {
        var parts: [String] = [], nonFinite: [String] = []
        for (key, value) in fields {
            guard let value else { continue }
            parts.append("\"\(key)\":" + encode(value, key: key, nonFinite: &nonFinite))
        }
        if !nonFinite.isEmpty { parts.append("\"nonfinite\":[" + nonFinite.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    private static func encode(_ value: Any, key: String, nonFinite: inout [String]) -> String {
        switch value {
        case let d as Double:
            if !d.isFinite { nonFinite.append(key); return "null" }
            return "\(d)"
        case let i as Int: return "\(i)"
        case let s as String: return quote(s)
        case let dict as [String: Double]:
            return "{" + dict.sorted { $0.key < $1.key }.map { "\(quote($0.key)):" + encode($0.value, key: "\(key).\($0.key)", nonFinite: &nonFinite) }.joined(separator: ",") + "}"
        default: return quote("\(value)")
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func csvLine(_ values: [Any?]) -> String {
        values.map { value -> String in
            switch value {
            case let d as Double: d.isFinite ? "\(d)" : (d.isNaN ? "nan" : (d > 0 ? "inf" : "-inf"))
            case let v?: "\(v)"
            case nil: ""
            }
        }.joined(separator: ",") + "\n"
    }
}

extension MetricsLog {
    static func jsonStep(_ line: Substring) -> Int?? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return .none }
        return .some(object["step"] as? Int)
    }

    static func csvStep(_ line: Substring) -> Int?? {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == 12 else { return .none }
        if fields[0] == "kind" { return .some(nil) }
        return Int(fields[1]).map { .some($0) } ?? .none
    }

    /// Rewrites `url` atomically without lines after `step`; `stepOf` returns nil for an
    /// unreadable (torn) line and `.some(nil)` for a line that has no step (kept).
    static func truncate(_ url: URL, keepingThrough step: Int, stepOf: (Substring) -> Int??) throws -> (later: Int, torn: Int) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return (0, 0) }
        var kept: [Substring] = [], later = 0, torn = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            switch stepOf(line) {
            case .none: torn += 1
            case .some(.none): kept.append(line)
            case .some(.some(let s)): if s <= step { kept.append(line) } else { later += 1 }
            }
        }
        let text = kept.map { $0 + "\n" }.joined()
        try Data(text.utf8).write(to: url, options: .atomic)
        return (later, torn)
    }
}
