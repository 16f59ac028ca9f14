import Foundation
import ThawJSON
import ThawSafeTensors

/// A backbone found on disk: its card and where its weights are.
public struct BackboneEntry: Sendable, Equatable {
    public enum Origin: String, Sendable {
        case sampleData = "sample data"
        case userLibrary = "your library"
        case explicit = "--backbones"
        case huggingFace = "Hugging Face directory"
    }
    public let card: BackboneCard
    public let cardURL: URL
    public let weightsURL: URL
    public let origin: Origin
}

/// Finds backbones: the bundled `sample-data/backbones`, the user's data directory
/// (`$XDG_DATA_HOME/thaw/backbones`, default `~/.local/share/thaw/backbones`) and any
/// directories given with `--backbones`. Broken cards are reported, not fatal, so one bad
/// file never hides the rest of the zoo.
public enum BackboneZoo {
    public struct Discovery: Sendable {
        public var entries: [BackboneEntry] = []
        /// One line per card that could not be used.
        public var problems: [String] = []
    }

    public static func searchDirectories(explicit: [URL] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
                                         workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                         executable: URL = URL(fileURLWithPath: CommandLine.arguments.first ?? "")) -> [(URL, BackboneEntry.Origin)] {
        var result = explicit.map { ($0, BackboneEntry.Origin.explicit) }
        let dataHome = environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share")
        result.append((dataHome.appendingPathComponent("thaw/backbones"), .userLibrary))
        if let sample = sampleDataDirectory(workingDirectory: workingDirectory, executable: executable) {
            result.append((sample.appendingPathComponent("backbones"), .sampleData))
        }
        return result
    }

    /// `sample-data/` in the working directory or above the executable (a `swift run` binary
    /// lives in `.build/…` inside the checkout).
    public static func sampleDataDirectory(workingDirectory: URL, executable: URL) -> URL? {
        var candidates = [workingDirectory]
        var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let sample = candidate.appendingPathComponent("sample-data")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: sample.path, isDirectory: &isDirectory), isDirectory.boolValue { return sample }
        }
        return nil
    }

    public static func discover(in directories: [(URL, BackboneEntry.Origin)]) -> Discovery {
        var discovery = Discovery()
        var seen: Set<String> = []
        for (directory, origin) in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() {
                let url = directory.appendingPathComponent(name)
                do {
                    guard let entry = try entry(at: url, origin: origin) else { continue }
                    if seen.insert(entry.card.name).inserted { discovery.entries.append(entry) }
                } catch {
                    discovery.problems.append("\(error)")
                }
            }
        }
        return discovery
    }

    /// The backbone at `url` (a card, a weights file with a sibling card, a torchvision ResNet
    /// file without one, or a Hugging Face directory), nil when the path is something else.
    public static func entry(at url: URL, origin: BackboneEntry.Origin) throws -> BackboneEntry? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            guard let card = try HuggingFaceDirectory.card(for: url) else { return nil }
            return BackboneEntry(card: card, cardURL: url.appendingPathComponent("config.json"),
                                 weightsURL: url.appendingPathComponent("model.safetensors"), origin: .huggingFace)
        }
        if url.pathExtension == "safetensors" {
            let cardURL = url.deletingPathExtension().appendingPathExtension("json")
            if FileManager.default.fileExists(atPath: cardURL.path) { return try entry(at: cardURL, origin: origin) }
            let header = try SafeTensorsFile.header(contentsOf: url)
            guard let card = try TorchvisionResNetCard.card(name: url.deletingPathExtension().lastPathComponent, file: url.path,
                                                            tensors: header.tensors) else { return nil }
            return BackboneEntry(card: card, cardURL: url, weightsURL: url, origin: origin)
        }
        guard url.pathExtension == "json", looksLikeCard(url) else { return nil }
        let card = try BackboneCard.load(from: url)
        let weights = url.deletingLastPathComponent().appendingPathComponent(card.weights ?? "\(url.deletingPathExtension().lastPathComponent).safetensors")
        guard FileManager.default.fileExists(atPath: weights.path) else {
            throw StrictDecodingError(file: url.path, path: "weights", message: "weights file \(weights.lastPathComponent) not found beside the card")
        }
        return BackboneEntry(card: card, cardURL: url, weightsURL: weights, origin: origin)
    }

    /// Cheap check so that unrelated JSON files in a directory are skipped, not reported.
    private static func looksLikeCard(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 4096) else { return false }
        try? handle.close()
        return String(decoding: head, as: UTF8.self).contains("thaw-backbone")
    }
}
