import Foundation
import Testing
import ThawTUI
import ThawWorkbench

/// Text snapshots of whole screens under `__Snapshots__/NAME.txt`. `RECORD_SNAPSHOTS=1`
/// rewrites them; otherwise a missing or different snapshot fails with the first differing
/// lines.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let content = actual + "\n"
        if isRecording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? content.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; run RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        guard expected != content else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = content.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let shown = (max(0, line - 1)..<min(max(e.count, a.count), line + 3)).map { i in
            "  \(i + 1) expected: \(i < e.count ? String(e[i]) : "<none>")\n  \(i + 1) actual:   \(i < a.count ? String(a[i]) : "<none>")"
        }.joined(separator: "\n")
        Issue.record("snapshot \(name).txt differs from line \(line + 1):\n\(shown)\n(RECORD_SNAPSHOTS=1 re-records)",
                     sourceLocation: sourceLocation)
    }
}

/// Renders a state at a size, as the run loop would.
func screen(_ state: AppState, width: Int, height: Int, glyphs: GlyphSet = .unicode) -> Buffer {
    var state = state
    state.size = Size(width: width, height: height)
    var buffer = Buffer(width: width, height: height)
    render(state, theme: Theme.default.withGlyphs(glyphs), into: &buffer)
    return buffer
}
