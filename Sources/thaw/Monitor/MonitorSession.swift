import ArgumentParser
import Foundation
import ThawMonitor
import ThawTUI
import ThawWorkbench

/// `thaw monitor` on a terminal: the watcher thread reads the files, the loop draws.
enum MonitorSession {
    static func run(paths: [String], options: MonitorOptions, interval: Duration, baselines: [(pretrained: String, scratch: String)],
                    theme: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let session: TerminalSession
        do {
            session = try TerminalSession.open(theme: theme, logName: "monitor.log", environment: environment)
        } catch {
            let quoted = paths.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            HeadlessOutput.error("\(error.description); the monitor needs a terminal. Run `thaw monitor --once \(quoted)` instead.")
            throw ExitCode(2)
        }
        var state = MonitorState(roots: paths, size: session.backend.size,
                                 baselines: baselines.map { MonitorState.BaselineNames(pretrained: $0.pretrained, scratch: $0.scratch) })
        if let warning = session.themeWarning { state.status = StatusMessage(warning, level: .warning) }
        let watcher = MonitorWatcher(roots: paths, options: options, interval: interval)
        var loop = MonitorLoop(backend: session.backend, theme: session.theme, watcher: watcher, state: state)
        loop.run()
        watcher.stop()
        session.close()
    }
}
