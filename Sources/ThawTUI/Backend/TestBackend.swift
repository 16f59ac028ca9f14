/// An in-memory terminal: applies drawn runs to a buffer exactly as a screen would, and
/// replays scripted keys. Screens are snapshot-tested through it.
public final class TestBackend: TerminalBackend {
    public private(set) var size: Size
    public var colorDepth: ColorDepth
    /// What the "terminal" shows after the flushed draws.
    public private(set) var screen: Buffer
    public private(set) var flushCount = 0
    public private(set) var drawnCells = 0
    public private(set) var lastTheme: Theme?
    private var pendingKeys: [Key]
    private var staged: Buffer

    public init(size: Size, colorDepth: ColorDepth = .indexed256, keys: [Key] = []) {
        self.size = size
        self.colorDepth = colorDepth
        self.screen = Buffer(size: size)
        self.staged = Buffer(size: size)
        self.pendingKeys = keys
    }

    public func draw(_ runs: [CellRun], theme: Theme) {
        staged.apply(runs)
        drawnCells += runs.reduce(0) { $0 + $1.cells.count }
        lastTheme = theme
    }

    public func flush() {
        screen = staged
        flushCount += 1
    }

    public func readKey(timeout: Duration?) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Queues keys for `readKey`.
    public func type(_ keys: [Key]) { pendingKeys += keys }

    /// Simulates a terminal resize: the screen's contents become unknown (blank), and the
    /// next `readKey` reports `.resize` as curses would.
    public func resize(to newSize: Size) {
        size = newSize
        screen = Buffer(size: newSize)
        staged = Buffer(size: newSize)
        pendingKeys.insert(.resize, at: 0)
    }

    /// The screen resolved against the last theme and the colour depth, cell by cell,
    /// for tests that check what a real terminal would be asked to show.
    public func resolvedStyles() -> [ResolvedStyle] {
        var resolver = StyleResolver(theme: lastTheme ?? .default, depth: colorDepth)
        return screen.cells.map { resolver.resolve($0) }
    }
}
