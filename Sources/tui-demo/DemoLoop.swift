import ThawCurses
import ThawTUI

/// The demo's impure loop, shaped like the workbench's: wait for a key (≤ 50 ms), update,
/// draw the changed cells. Every pass draws one frame (the title shows the count), so a
/// crash "after N frames" happens with the screen up.
struct DemoLoop {
    static let tick: Duration = .milliseconds(50)

    enum Ending { case quit, interrupted }

    let backend: CursesBackend
    let theme: Theme
    /// Trap on this thread after so many frames (`--crash-after`).
    let crashAfterFrames: Int?
    var state = DemoState()
    private var presenter = FramePresenter()
    private var frame: Buffer

    init(backend: CursesBackend, theme: Theme, crashAfterFrames: Int?) {
        self.backend = backend
        self.theme = theme
        self.crashAfterFrames = crashAfterFrames
        frame = Buffer(size: backend.size)
    }

    mutating func run() -> Ending {
        while true {
            var wait: Duration? = DemoLoop.tick
            while let key = backend.readKey(timeout: wait) {
                wait = .zero
                switch key {
                case .ctrl("c"): return .interrupted
                // Also what the backend reports after Ctrl-Z and fg: repaint everything.
                case .resize: presenter.invalidate()
                default: if !state.handle(key) { return .quit }
                }
            }
            draw()
            if let limit = crashAfterFrames, state.frames >= limit { DeliberateCrash.indexOutOfRange() }
        }
    }

    private mutating func draw() {
        state.frames += 1
        if frame.size != backend.size { frame = Buffer(size: backend.size) }
        DemoScreen.render(state, theme: theme, into: &frame)
        presenter.present(frame, theme: theme, on: backend)
    }
}
