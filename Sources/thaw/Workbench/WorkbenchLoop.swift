import Foundation
import ThawCurses
import ThawTUI
import ThawTrainingAPI
import ThawWorkbench

/// The workbench's one impure loop: wait for a key (≤ 50 ms), take what the training thread
/// and background work produced, run `update`, perform the effects, and draw. A key is
/// drawn at once; event-driven redraws are capped at 20 a second, so a fast trainer never
/// costs the UI more than that.
struct WorkbenchLoop {
    static let frameInterval: Duration = .milliseconds(50)
    static let idleWait: Duration = .milliseconds(50)

    let backend: CursesBackend
    let theme: Theme
    let runner: EffectRunner
    var state: AppState
    let latency: LatencyLog?
    private var presenter = FramePresenter()
    private var frame: Buffer
    private let clock = ContinuousClock()
    private var usage = ProcessUsage()

    init(backend: CursesBackend, theme: Theme, runner: EffectRunner, state: AppState, latency: LatencyLog?) {
        self.backend = backend
        self.theme = theme
        self.runner = runner
        self.state = state
        self.latency = latency
        frame = Buffer(size: backend.size)
    }

    mutating func run(initialEffects: [Effect]) {
        let started = clock.now
        var lastFrame = started - .seconds(1)
        var lastTick = started
        var dirty = true
        runner.currentBackboneName = state.config.backbone.name
        runner.perform(initialEffects)
        while !runner.quitRequested {
            let sinceFrame = clock.now - lastFrame
            let wait = dirty ? max(.zero, Self.frameInterval - sinceFrame) : Self.idleWait
            var keyed = false
            if let key = backend.readKey(timeout: wait) {
                keyed = true
                handle(key)
                while !runner.quitRequested, let next = backend.readKey(timeout: .zero) { handle(next) }
            }
            for msg in runner.drain() {
                dispatch(msg)
                dirty = true
            }
            if clock.now - lastTick >= .seconds(1) {
                lastTick = clock.now
                dispatch(.tick(Double((clock.now - started).components.seconds)))
                if let sample = usage.sample() { dispatch(.resources(cpuPercent: sample.cpuPercent, residentMB: sample.residentMB)) }
                dirty = true
            }
            if runner.quitRequested {
                draw()  // "stopping the run and quitting" stays up while the run saves its checkpoint
                break
            }
            if keyed || (dirty && clock.now - lastFrame >= Self.frameInterval) {
                draw()
                lastFrame = clock.now
                dirty = false
            }
        }
        latency?.finish()
    }

    /// Ctrl-C ended the session: the caller dies of SIGINT once the run has stopped.
    private(set) var interrupted = false

    private mutating func handle(_ key: Key) {
        if key == .ctrl("c") {
            interrupted = true
            dispatch(.interrupt)
            return
        }
        if key == .resize {
            // Also what the backend reports after Ctrl-Z and fg: the screen must be redrawn whole.
            presenter.invalidate()
            dispatch(.resize(backend.size))
            return
        }
        latency?.keyReceived(key.label(.ascii))
        dispatch(.key(key))
    }

    private mutating func dispatch(_ msg: Msg) {
        let effects = ThawWorkbench.update(&state, msg)
        runner.currentBackboneName = state.config.backbone.name
        runner.perform(effects)
    }

    private mutating func draw() {
        let started = LatencyLog.now()
        if frame.size != backend.size { frame = Buffer(size: backend.size) }
        ThawWorkbench.render(state, theme: theme, into: &frame)
        presenter.present(frame, theme: theme, on: backend)
        latency?.framePresented(started: started)
    }
}
