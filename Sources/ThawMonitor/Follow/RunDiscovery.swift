import Foundation

/// A run found under the watched paths: a directory of event files or a Thaw run, or one
/// JSONL or CSV file.
public struct DiscoveredRun: Equatable, Sendable {
    /// The absolute path of the run's directory or file; identifies it across scans.
    public var key: String
    public var name: String
    public var format: SourceFormat
    /// Absolute paths, in reading order (event files by name, which starts with their time).
    public var files: [String]
}

/// Finds runs the way TensorBoard does for event files — every directory that holds event
/// files is one run, named by its path under the watched directory — and adds Thaw run
/// directories and JSONL/CSV logs. Inside directories a JSONL file counts when its first
/// line is an object and a CSV file when its header names a step or epoch column, so a
/// dataset lying next to the logs is not taken for one; files named on the command line
/// are always read.
enum RunDiscovery {
    static let maximumDepth = 8
    static let maximumEntries = 50_000
    static let skippedDirectories: Set<String> = ["checkpoints", "__pycache__", "node_modules"]

    struct Result: Equatable, Sendable {
        var runs: [DiscoveredRun] = []
        /// Roots that cannot be watched (yet), with why.
        var problems: [String] = []
    }

    static func scan(_ roots: [String]) -> Result {
        var result = Result()
        let cwd = FileManager.default.currentDirectoryPath
        for root in roots {
            let absolute = absolutePath(root, cwd: cwd)
            let display = displayName(root)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                result.problems.append("\(root): no such file or directory (waiting for it to appear)")
                continue
            }
            if isDirectory.boolValue {
                var budget = maximumEntries
                var found: [DiscoveredRun] = []
                walk(absolute, relative: "", depth: 0, budget: &budget, into: &found)
                if budget <= 0 { result.problems.append("\(root): more than \(maximumEntries) entries; the rest is not watched") }
                for var run in found {
                    // One root: names relative to it, as in TensorBoard; several: prefixed by the root's name.
                    run.name = run.name.isEmpty ? lastComponent(display) : (roots.count > 1 ? lastComponent(display) + "/" + run.name : run.name)
                    result.runs.append(run)
                }
            } else if let format = SourceFormat.byName(lastComponent(absolute)) ?? SourceFormat.sniff(head(absolute)[...]) {
                result.runs.append(DiscoveredRun(key: absolute, name: display, format: format, files: [absolute]))
            } else {
                let empty = (try? FileManager.default.attributesOfItem(atPath: absolute)[.size] as? Int) == 0
                result.problems.append(empty ? "\(root): empty so far (waiting to learn its format)"
                                             : "\(root): not a JSONL, CSV or TensorBoard event file")
            }
        }
        return result
    }

    static func walk(_ directory: String, relative: String, depth: Int, budget: inout Int, into runs: inout [DiscoveredRun]) {
        guard depth <= maximumDepth, budget > 0,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory).sorted() else { return }
        budget -= names.count
        let join = { (name: String) in directory + "/" + name }
        let relativeName = { (name: String) in relative.isEmpty ? name : relative + "/" + name }
        let events = names.filter { $0.hasPrefix(SourceFormat.eventFilePrefix) && !isDirectory(join($0)) }
        let isThawRun = names.contains("metrics.jsonl") && (names.contains("config.yaml") || names.contains("summary.json"))
        if !events.isEmpty {
            runs.append(DiscoveredRun(key: directory, name: relative, format: .tensorBoard, files: events.map(join)))
        } else if isThawRun {
            runs.append(DiscoveredRun(key: directory, name: relative, format: .thawRun, files: [join("metrics.jsonl")]))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = join(name)
            if isDirectory(path) {
                guard !skippedDirectories.contains(name) else { continue }
                walk(path, relative: relativeName(name), depth: depth + 1, budget: &budget, into: &runs)
            } else if let format = SourceFormat.byName(name), format != .tensorBoard, looksLikeMetrics(path, format: format) {
                runs.append(DiscoveredRun(key: path, name: relativeName(name), format: format, files: [path]))
            }
        }
    }

    /// A JSONL file whose first line is an object, a CSV file whose header has a step column.
    static func looksLikeMetrics(_ path: String, format: SourceFormat) -> Bool {
        let bytes = head(path)
        guard let firstLine = bytes.split(separator: 0x0A, maxSplits: 1).first, bytes.contains(0x0A) else { return false }
        if format == .jsonl { return firstLine.drop { $0 == 0x20 }.first == UInt8(ascii: "{") }
        let names = CSVFields.split(firstLine, delimiter: firstLine.contains(UInt8(ascii: ",")) ? UInt8(ascii: ",") : 0x09)
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        return ColumnNames.stepIndex(names) != nil
    }

    /// The first 4 KiB of a file (empty when unreadable).
    static func head(_ path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
    }

    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    static func absolutePath(_ path: String, cwd: String) -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// The path as the user typed it, without "./" and trailing slashes.
    static func displayName(_ path: String) -> String {
        var name = path
        while name.hasPrefix("./") { name.removeFirst(2) }
        while name.count > 1, name.hasSuffix("/") { name.removeLast() }
        return name.isEmpty || name == "." ? lastComponent(FileManager.default.currentDirectoryPath) : name
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
