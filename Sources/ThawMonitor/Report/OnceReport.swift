/// The plain-text snapshot `thaw monitor --once` prints: per run, a table with one row per
/// tag — points read, the last value and its step, the best value and its step, and which
/// way "best" was taken. Values are exact (see `ValueText.exact`), columns separated by
/// spaces, so `awk` can pick them; problems go to a separate list for stderr.
public enum OnceReport {
    public static let header = ["tag", "points", "last", "step", "best", "step", "best-is"]

    public static func text(_ runs: [RunSnapshot]) -> String {
        var out: [String] = []
        for run in runs {
            let files = run.files.count == 1 ? "1 file" : "\(run.files.count) files"
            out.append("run \(run.name)  (\(run.format.rawValue), \(files), \(run.data.tags.count) tag\(run.data.tags.count == 1 ? "" : "s"))")
            var rows = [header]
            for tag in run.data.tagNames {
                let series = run.data.tags[tag]!
                let direction = MetricDirection(guessingFrom: tag)
                let best = series.best(direction)
                rows.append([tag, "\(series.count)" + (series.isApproximate ? "~" : ""),
                             series.last.map { ValueText.exact($0.value) } ?? "-", series.last.map { ValueText.step($0.step) } ?? "-",
                             best.map { ValueText.exact($0.value) } ?? "-", best.map { ValueText.step($0.step) } ?? "-",
                             direction.rawValue])
            }
            out += rows.count > 1 ? table(rows).map { "  " + $0 } : ["  (no scalars yet)"]
            if !run.data.ignoredTags.isEmpty {
                out.append("  (\(run.data.ignoredTags.count) more tags not kept: over \(RunData.maximumTags) in one run)")
            }
            out.append("")
        }
        if runs.isEmpty { out.append("no runs found") }
        return out.joined(separator: "\n")
    }

    /// One line per problem, each naming its file: unreadable files, skipped lines or records,
    /// data still waiting to be completed, and runs read again after a rewrite.
    public static func problems(_ runs: [RunSnapshot], rootProblems: [String]) -> [String] {
        var out = rootProblems
        for run in runs {
            if let restart = run.lastRestart { out.append("\(run.name): \(restart)") }
            for file in run.files { out += file.notes.lines.map { "\(file.path): \($0)" } }
        }
        return out
    }

    /// Rows padded into columns.
    static func table(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
