import Foundation
import ThawTensor

/// Formatting of bench results: JSON lines for scripts, a table with PyTorch ratios for people.
enum BenchReport {
    static func jsonLine(_ result: BenchResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// Reads `torch_bench.py` JSON lines: workload name → samples/s for the matching threads.
    static func loadBaseline(_ path: String) throws -> [String: [Int: Double]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError("cannot read baseline file \(path)")
        }
        var rates: [String: [Int: [Double]]] = [:]
        for (number, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let name = (object["name"] ?? object["workload"]) as? String,
                  let threads = object["threads"] as? Int,
                  let rate = object["samples_per_s"] as? Double else {
                throw BenchError("\(path):\(number + 1): not a torch_bench.py result line")
            }
            rates[name, default: [:]][threads, default: []].append(rate)
        }
        return rates.mapValues { $0.mapValues(BenchMeasurement.median) }
    }

    static func table(_ results: [BenchResult], baseline: [String: [Int: Double]]) -> String {
        var lines: [String] = []
        if let kernel = try? blasKernelInfo().get() { lines.append("OpenBLAS kernel: \(kernel)") }
        let header = ["workload", "threads", "samples/s", "(min-max)", "ms/step", "peak RSS MB", "PyTorch", "ratio"]
        var rows = [header]
        for r in results {
            let torch = baseline[r.workload]?[r.threads]
            rows.append([r.workload, "\(r.threads)", String(format: "%.1f", r.samples_per_s),
                         String(format: "%.1f-%.1f", r.samples_per_s_min, r.samples_per_s_max),
                         String(format: "%.3f", r.step_ms_median), String(format: "%.0f", r.peak_rss_mb),
                         torch.map { String(format: "%.1f", $0) } ?? "-",
                         torch.map { String(format: "%.2f×", r.samples_per_s / $0) } ?? "-"])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
