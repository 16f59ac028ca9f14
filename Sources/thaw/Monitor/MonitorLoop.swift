import Dispatch
import Foundation
import ThawCurses
import ThawMonitor
import ThawTUI
import ThawWorkbench

/// The monitor's one impure loop: wait for a key, take what the watcher read, run
/// `MonitorApp.update`, perform its effects, draw. A key is drawn at once; new data at most
/// 20 times a second. Exports are written on a background queue and report back through
/// an inbox, so a large CSV never stalls the keys.
struct MonitorLoop {
    static let frameInterval: Duration = .milliseconds(50)

    let backend: CursesBackend
    let theme: Theme
    let watcher: MonitorWatcher
    var state: MonitorState
    private let inbox = Inbox<MonitorMsg>()
    private let exports = DispatchQueue(label: "thaw.monitor.export", qos: .utility)
    private var presenter = FramePresenter()
    private var frame: Buffer
    private var quitRequested = false

    init(backend: CursesBackend, theme: Theme, watcher: MonitorWatcher, state: MonitorState) {
        self.backend = backend
        self.theme = theme
        self.watcher = watcher
        self.state = state
        frame = Buffer(size: backend.size)
    }

    mutating func run() {
        let clock = ContinuousClock()
        let started = clock.now
        var lastFrame = started - .seconds(1), lastTick = started
        var dirty = true
        watcher.start()
        while !quitRequested {
            let wait = dirty ? max(.zero, Self.frameInterval - (clock.now - lastFrame)) : Self.frameInterval * 2
            var keyed = false
            while !quitRequested, let key = backend.readKey(timeout: keyed ? .zero : wait) {
                keyed = true
                if key == .resize { presenter.invalidate() }
                dispatch(key == .resize ? .resize(backend.size) : .key(key))
            }
            let changes = watcher.drain()
            let results = inbox.drain()
            if !changes.isEmpty { dispatch(.changes(changes)) }
            results.forEach { dispatch($0) }
            dirty = dirty || !changes.isEmpty || !results.isEmpty
            if clock.now - lastTick >= .seconds(1) {
                lastTick = clock.now
                dispatch(.tick(Double((clock.now - started).components.seconds)))
                dirty = true
            }
            if keyed || (dirty && clock.now - lastFrame >= Self.frameInterval) {
                draw()
                lastFrame = clock.now
                dirty = false
            }
        }
    }

    private mutating func dispatch(_ msg: MonitorMsg) {
        for effect in MonitorApp.update(&state, msg) {
            switch effect {
            case .quit: quitRequested = true
            case .rescan: watcher.requestRescan()
            case .export(let runs): export(runs)
            }
        }
    }

    /// Writes `thaw-monitor-<time>.csv` in the working directory.
    private func export(_ runs: [RunSnapshot]) {
        let inbox = inbox
        exports.async {
            let stamp = DateFormatter()
            stamp.dateFormat = "yyyyMMdd-HHmmss"
            stamp.locale = Locale(identifier: "en_US_POSIX")
            let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent("thaw-monitor-\(stamp.string(from: Date())).csv")
            do {
                try Data(MonitorExport.csv(runs).utf8).write(to: url, options: .atomic)
                inbox.post(.exported(path: url.path))
            } catch {
                inbox.post(.failed("export failed: \(error.localizedDescription)"))
            }
        }
    }

    private mutating func draw() {
        if frame.size != backend.size { frame = Buffer(size: backend.size) }
        MonitorApp.render(state, theme: theme, into: &frame)
        presenter.present(frame, theme: theme, on: backend)
    }
}
