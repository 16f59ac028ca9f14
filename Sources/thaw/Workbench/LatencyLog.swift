import Foundation

/// Measurement for the responsiveness benchmark, off unless `THAW_LATENCY_LOG` names a
/// file: for each key, the time from `readKey` returning to the frame showing its effect
/// being flushed; per frame, the cost of render + present; at the end, the UI thread's CPU
/// time over the wall time.
final class LatencyLog {
    private let handle: FileHandle
    private var pendingKeys: [(String, UInt64)] = []
    private var frames = 0
    private var renderNanos: UInt64 = 0
    private let startWall: UInt64
    private let startCPU: UInt64

    init?(environment: [String: String]) {
        guard let path = environment["THAW_LATENCY_LOG"], !path.isEmpty,
              FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else { return nil }
        self.handle = handle
        startWall = LatencyLog.now()
        startCPU = LatencyLog.threadCPU()
    }

    static func now() -> UInt64 { clock_gettime_nsec_np_compat(CLOCK_MONOTONIC) }
    static func threadCPU() -> UInt64 { clock_gettime_nsec_np_compat(CLOCK_THREAD_CPUTIME_ID) }

    func keyReceived(_ label: String) { pendingKeys.append((label, LatencyLog.now())) }

    /// A frame was rendered (starting at `started`) and flushed just now.
    func framePresented(started: UInt64) {
        let end = LatencyLog.now()
        frames += 1
        renderNanos += end - started
        for (label, received) in pendingKeys {
            write("key \(label) \(Double(end - received) / 1e6)\n")
        }
        pendingKeys.removeAll()
    }

    func finish() {
        let wall = Double(LatencyLog.now() - startWall) / 1e9
        let cpu = Double(LatencyLog.threadCPU() - startCPU) / 1e9
        write(String(format: "summary frames %d wall_s %.3f ui_cpu_s %.3f ui_cpu_percent %.2f render_ms_mean %.3f fps %.2f\n",
                     frames, wall, cpu, 100 * cpu / Swift.max(wall, 1e-9), Double(renderNanos) / 1e6 / Double(Swift.max(frames, 1)),
                     Double(frames) / Swift.max(wall, 1e-9)))
        try? handle.close()
    }

    private func write(_ text: String) { handle.write(Data(text.utf8)) }
}

private func clock_gettime_nsec_np_compat(_ clock: clockid_t) -> UInt64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
