import ArgumentParser
import Foundation
import ThawMonitor

struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Follow training logs written by other programs, live (TensorBoard event files, JSONL, CSV, Thaw runs).",
        discussion: """
        PATHs are files or directories. Directories are searched (8 levels deep) for runs: each \
        directory holding events.out.tfevents.* files is a run, as in TensorBoard; so is each Thaw \
        run directory, each JSONL log and each CSV log with a step or epoch column. New runs are \
        picked up while watching. Keys: ? in the monitor.

        --once prints, per run and tag, the number of points, the last value and its step, and \
        the best value and its step (the minimum, or the maximum for accuracy-like tags), then \
        exits. Problems (unreadable files, skipped records, half-written lines) go to stderr, one \
        line each naming the file. Exit status: 0 the snapshot was printed, even if some lines or \
        records were skipped (each is on stderr); 1 a path or a whole file could not be read, or \
        a --baseline run was not found (the rest is still printed); 2 no terminal for the live \
        monitor; 64 bad arguments.
        """
    )

    @Argument(help: "Files or directories to follow.")
    var paths: [String]

    @Flag(help: "Print a plain-text snapshot and exit (for scripts and CI logs).")
    var once = false

    @Option(name: .customLong("baseline"), help: ArgumentHelp(
        "Compare a run with its from-scratch baseline: PRETRAINED=SCRATCH, run names as listed (repeatable).",
        valueName: "pretrained=scratch"))
    var baselines: [String] = []

    @Option(help: "Stored points per tag; longer series are downsampled, keeping extremes, last and best exact.")
    var maxPoints = TagSeries.defaultCapacity

    @Option(help: "How often files are polled, in milliseconds.")
    var interval = 300

    @Option(help: "Theme name (a file in Themes/) or path to a .theme file.")
    var theme = "default"

    func validate() throws {
        guard maxPoints >= 16 else { throw ValidationError("--max-points must be at least 16") }
        guard (20...10_000).contains(interval) else { throw ValidationError("--interval must be 20…10000 ms") }
        for pair in baselines where parsedBaseline(pair) == nil {
            throw ValidationError("--baseline \(pair): expected PRETRAINED=SCRATCH")
        }
    }

    /// "pretrained=scratch" → the two run names.
    func parsedBaseline(_ text: String) -> (pretrained: String, scratch: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let pretrained = String(text[..<equals]), scratch = String(text[text.index(after: equals)...])
        return pretrained.isEmpty || scratch.isEmpty ? nil : (pretrained, scratch)
    }

    var options: MonitorOptions {
        var options = MonitorOptions()
        options.pointsPerTag = maxPoints
        return options
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)  // `thaw monitor --once … | head` must end cleanly
        let pairs = baselines.compactMap(parsedBaseline)
        if once {
            let status = MonitorOnce.run(paths: paths, options: options, baselines: pairs)
            if status != 0 { throw ExitCode(status) }
            return
        }
        try MonitorSession.run(paths: paths, options: options, interval: .milliseconds(interval), baselines: pairs, theme: theme)
    }
}
