import ArgumentParser
import Foundation
import ThawCurses
import ThawTUI
import ThawTraining
import ThawTrainingAPI
import ThawWorkbench

struct WorkbenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Open the terminal workbench (the default when thaw is run without a command).",
        discussion: """
        Pick a backbone, choose the data, freeze layers, shape the schedule and train while \
        watching the curves and the diagnostics. Needs a terminal; for scripts and pipes use \
        `thaw train EXPERIMENT.yaml`. The log (crash reports included) goes to \
        $XDG_STATE_HOME/thaw/workbench.log.
        """
    )

    @Argument(help: "Experiment file (YAML) to open; default: sample-data/experiments/default.yaml, else a new one.")
    var experiment: String?

    @Option(name: .customLong("backbones"), help: "Extra directory of backbones (repeatable).")
    var backboneDirectories: [String] = []

    @Option(help: "Theme name (a file in Themes/) or path to a .theme file.")
    var theme: String = "default"

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let extra = backboneDirectories.map { URL(fileURLWithPath: $0) }
        // Read the experiment before touching the terminal, so its errors print normally.
        let startup: StartupExperiment
        do {
            startup = try StartupExperiment.load(experiment, zoo: ZooCatalog(extraDirectories: extra))
        } catch {
            HeadlessOutput.error("\(error)")
            throw ExitCode(1)
        }
        let zoo = ZooCatalog(extraDirectories: extra + startup.backboneDirectories)
        let session: TerminalSession
        do {
            // Ctrl-C is a key here: it stops a run cleanly (checkpoint saved) before dying of SIGINT.
            var options = CursesBackend.Options()
            options.interruptAsKey = true
            session = try TerminalSession.open(theme: theme, logName: "workbench.log", environment: environment, options: options)
        } catch {
            let config = startup.path ?? "EXPERIMENT.yaml"
            HeadlessOutput.error("\(error.description); the workbench needs a terminal. Run `thaw train \(config)` instead.")
            throw ExitCode(2)
        }
        let backend = session.backend
        var state = AppState(config: startup.config, experimentPath: startup.path, size: backend.size)
        if let warning = session.themeWarning { state.status = StatusMessage(warning, level: .warning) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let runner = EffectRunner(zoo: zoo, baseDirectory: startup.baseDirectory, computeThreads: max(1, cores - 1))
        var initial: [Effect] = [.refreshZoo, .refreshRuns(directory: startup.config.output.runs)]
        if !startup.config.data.train.isEmpty {
            state.datasetLoading = true
            initial.append(.loadDataset(startup.config.data, seed: startup.config.seed))
        }
        var loop = WorkbenchLoop(backend: backend, theme: session.theme, runner: runner, state: state,
                                 latency: LatencyLog(environment: environment))
        loop.run(initialEffects: initial)
        runner.shutdown(timeout: Self.stopTimeout)
        session.close()
        if loop.interrupted { Self.dieOfInterrupt() }
    }

    /// How long quitting waits for a run to finish its step and write its checkpoint; a
    /// ResNet or BERT step on a small CPU can take seconds.
    static let stopTimeout = 60.0

    /// After a Ctrl-C the shell must see a death by SIGINT (status 130), as it would for
    /// any interrupted program, so scripts and loops around `thaw` stop too.
    static func dieOfInterrupt() -> Never {
        signal(SIGINT, SIG_DFL)
        raise(SIGINT)
        Foundation.exit(130)
    }

    /// Where a full-screen command's stderr and crash reports go: $XDG_STATE_HOME/thaw/NAME.
    static func logPath(_ environment: [String: String], name: String) -> String? {
        let state = environment["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
        let directory = state.appendingPathComponent("thaw")
        guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else { return nil }
        return directory.appendingPathComponent(name).path
    }

    static func loadTheme(_ name: String, glyphs: GlyphSet, environment: [String: String]) -> (theme: Theme, warning: String?) {
        guard let path = ThemeLocator.path(for: name, environment: environment) else {
            let warning = name == "default" ? nil : "theme \"\(name)\" not found (looked in Themes/ and ~/.config/thaw/themes); using the default"
            return (Theme.default.withGlyphs(glyphs), warning)
        }
        let loaded = Theme.load(path: path, glyphs: glyphs)
        return (loaded.theme, loaded.warning)
    }
}
