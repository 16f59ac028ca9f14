/// Limits and rhythms of the monitor; the defaults suit an interactive session.
public struct MonitorOptions: Equatable, Sendable {
    /// Stored points per tag (beyond, points are merged; see `TagSeries`).
    public var pointsPerTag = TagSeries.defaultCapacity
    /// Bytes read per poll over all files, so a huge file is read in steps and the UI sees
    /// it grow rather than waiting for the end.
    public var pollBudget = 8 << 20
    /// How long a text file must be quiet before a last line without a newline is read.
    public var settleSeconds = 2.0
    /// How often the watched directories are searched for new runs.
    public var rescanSeconds = 2.0

    public init() {}
}

/// Follows every run under the watched paths: finds runs (again every `rescanSeconds`, so
/// new ones are picked up), reads what each file gained, re-reads a run from the start when
/// one of its files was truncated or replaced, and hands out snapshots of the runs that
/// changed. A value owned by one thread (the watcher's, or `--once`'s); nothing is shared.
public struct MonitorEngine: Sendable {
    struct Slot: Sendable {
        var run: DiscoveredRun
        var followers: [FileFollower]
        var data: RunData
        var restarts = 0
        var lastRestart: String?
        var changed = true

        mutating func read(budget: Int, buffer: inout [UInt8], now: Double, options: MonitorOptions, progress: inout Progress) {
            for file in followers.indices {
                let before = followers[file].notes
                switch followers[file].poll(into: &data, budget: budget, buffer: &buffer, now: now) {
                case .idle, .unavailable:
                    break
                case let .read(bytes, more):
                    progress.bytesRead += bytes
                    progress.moreWaiting = progress.moreWaiting || more
                    changed = true
                case .restarted(let reason):
                    restart(because: "\(followers[file].path) \(reason)", now: now, options: options)
                    progress.moreWaiting = true
                    return
                }
                if followers[file].settle(into: &data, now: now, quiet: options.settleSeconds) { changed = true }
                if followers[file].notes != before { changed = true }
            }
        }

        /// Forgets the run's data and reads all its files again from the start.
        mutating func restart(because reason: String, now: Double, options: MonitorOptions) {
            data = RunData(pointsPerTag: options.pointsPerTag)
            for file in followers.indices { followers[file].reset(now: now) }
            restarts += 1
            lastRestart = reason + "; read again from the start"
            changed = true
        }

        mutating func settleAll() {
            for file in followers.indices where followers[file].settle(into: &data, now: .infinity, quiet: 0) { changed = true }
        }
    }

    public let roots: [String]
    public let options: MonitorOptions
    private var slots: [Slot] = []
    private var indexByKey: [String: Int] = [:]
    /// Why some watched paths cannot be followed (yet).
    public private(set) var rootProblems: [String] = []
    private var problemsChanged = true
    private var lastScan = -Double.infinity
    private var buffer: [UInt8] = []

    public init(roots: [String], options: MonitorOptions = MonitorOptions()) {
        self.roots = roots
        self.options = options
    }

    /// What one poll did.
    public struct Progress: Equatable, Sendable {
        public var bytesRead = 0
        /// Some file has more to read than this poll's budget allowed.
        public var moreWaiting = false
    }

    /// One round: rescan when due, then read what is new, up to the budget.
    @discardableResult
    public mutating func poll(now: Double) -> Progress {
        if now - lastScan >= options.rescanSeconds { rescan(now: now) }
        var progress = Progress()
        let files = Swift.max(1, slots.reduce(0) { $0 + $1.followers.count })
        let perFile = Swift.max(FileFollower.chunkSize, options.pollBudget / files)
        for index in slots.indices {
            slots[index].read(budget: perFile, buffer: &buffer, now: now, options: options, progress: &progress)
        }
        return progress
    }

    /// Looks for new runs and new files of known runs.
    public mutating func rescan(now: Double) {
        lastScan = now
        let found = RunDiscovery.scan(roots)
        if found.problems != rootProblems {
            rootProblems = found.problems
            problemsChanged = true
        }
        for run in found.runs {
            guard let index = indexByKey[run.key] else {
                indexByKey[run.key] = slots.count
                let followers = run.files.map { FileFollower(path: $0, format: run.format, now: now) }
                slots.append(Slot(run: uniquelyNamed(run), followers: followers, data: RunData(pointsPerTag: options.pointsPerTag)))
                continue
            }
            let known = Set(slots[index].followers.map(\.path))
            for file in run.files where !known.contains(file) {
                slots[index].followers.append(FileFollower(path: file, format: run.format, now: now))
                slots[index].run.files.append(file)
            }
        }
    }

    /// Two runs never share a name: a later one gets " #2", " #3"…
    private func uniquelyNamed(_ run: DiscoveredRun) -> DiscoveredRun {
        let names = Set(slots.map(\.run.name))
        guard names.contains(run.name) else { return run }
        var copy = run
        var n = 2
        while names.contains("\(run.name) #\(n)") { n += 1 }
        copy.name = "\(run.name) #\(n)"
        return copy
    }

    /// Reads every file to its end as it is now, for a one-off snapshot (`--once`): a last
    /// line without a newline is read as it stands; a half-written record of an event file
    /// stays unread (and reported).
    public mutating func readToEnd() {
        var progress = Progress()
        repeat { progress = poll(now: 0) } while progress.bytesRead > 0 || progress.moreWaiting
        for index in slots.indices { slots[index].settleAll() }
    }

    /// Snapshots of the runs that changed since the last call, and the root problems when
    /// they changed (nil when not).
    public mutating func takeChanges() -> (runs: [RunSnapshot], rootProblems: [String]?) {
        var changed: [RunSnapshot] = []
        for index in slots.indices where slots[index].changed {
            slots[index].changed = false
            changed.append(snapshot(index))
        }
        defer { problemsChanged = false }
        return (changed, problemsChanged ? rootProblems : nil)
    }

    /// Every run as it is now.
    public var snapshots: [RunSnapshot] { slots.indices.map(snapshot) }

    private func snapshot(_ index: Int) -> RunSnapshot {
        let slot = slots[index]
        let files = slot.followers.map { FileStatus(path: $0.path, bytesRead: $0.offset, size: $0.size, notes: $0.notes) }
        return RunSnapshot(id: index, name: slot.run.name, path: slot.run.key, format: slot.run.format, files: files, data: slot.data,
                           restarts: slot.restarts, lastRestart: slot.lastRestart)
    }
}
