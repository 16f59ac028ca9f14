import Foundation
import ThawMonitor

/// `thaw monitor --once`: reads every run to the end of its files as they are now, prints
/// the snapshot on stdout and each problem on stderr, and returns the exit status.
enum MonitorOnce {
    static func run(paths: [String], options: MonitorOptions, baselines: [(pretrained: String, scratch: String)]) -> Int32 {
        var engine = MonitorEngine(roots: paths, options: options)
        engine.readToEnd()
        let runs = engine.snapshots
        var out = OnceReport.text(runs)
        var failed = !engine.rootProblems.isEmpty || runs.contains { !$0.unreadableFiles.isEmpty }
        for pair in baselines {
            guard let pretrained = runs.first(where: { $0.name == pair.pretrained }), let scratch = runs.first(where: { $0.name == pair.scratch }) else {
                let missing = runs.contains { $0.name == pair.pretrained } ? pair.scratch : pair.pretrained
                HeadlessOutput.error("monitor: --baseline: no run named \"\(missing)\" (runs: \(runs.map(\.name).joined(separator: ", ")))")
                failed = true
                continue
            }
            out += "\n" + comparison(pretrained, scratch)
        }
        print(out, terminator: out.hasSuffix("\n") ? "" : "\n")
        for problem in OnceReport.problems(runs, rootProblems: engine.rootProblems.map(withoutWaiting)) { HeadlessOutput.error("monitor: \(problem)") }
        return failed ? 1 : 0
    }

    /// The engine words a missing path for the live monitor ("… (waiting for it to appear)");
    /// a snapshot does not wait, so the promise is dropped.
    static func withoutWaiting(_ problem: String) -> String {
        guard problem.hasSuffix(")"), let open = problem.range(of: " (waiting ", options: .backwards) else { return problem }
        return String(problem[..<open.lowerBound])
    }

    static func comparison(_ pretrained: RunSnapshot, _ scratch: RunSnapshot) -> String {
        guard let tag = TransferComparison.sharedTags(pretrained.data, scratch.data).first else {
            return "transfer \(pretrained.name) vs \(scratch.name): no tag logged by both runs\n"
        }
        let comparison = TransferComparison(tag: tag, pretrained: pretrained.data.tags[tag]!, scratch: scratch.data.tags[tag]!)
        let lines = comparison.lines(pretrainedName: pretrained.name, scratchName: scratch.name)
        return "transfer " + lines[0] + "\n" + lines.dropFirst().map { "  " + $0 + "\n" }.joined()
    }
}
