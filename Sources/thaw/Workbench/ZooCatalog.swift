import Foundation
import ThawThreads
import ThawModels
import ThawNN
import ThawTensor
import ThawTrainingAPI
import ThawWorkbench

/// Turns the zoo on disk into `BackboneSummary` values. Cards are read first (fast) and
/// posted at once; then each network is built with random weights, once, on a background
/// queue, to read its layer tree. Built trees are cached by card path and modification
/// date, so a refresh never builds a large model (BERT) a second time.
final class ZooCatalog: Sendable {
    let directories: [(URL, BackboneEntry.Origin)]
    private let cache = Locked<[String: BackboneSummary]>([:])
    private let queue = DispatchQueue(label: "thaw.workbench.zoo", qos: .utility)

    convenience init(extraDirectories: [URL]) {
        self.init(directories: BackboneZoo.searchDirectories(explicit: extraDirectories))
    }

    /// Exactly these directories (tests use it to keep the user's library out).
    init(directories: [(URL, BackboneEntry.Origin)]) {
        self.directories = directories
    }

    /// Discovery only: cards, no networks built.
    func discover() -> BackboneZoo.Discovery { BackboneZoo.discover(in: directories) }

    /// Posts the card-level zoo, then one update per backbone as its tree is read.
    func refresh(into inbox: Inbox<Msg>) {
        queue.async { [self] in
            let discovery = discover()
            let cached = cache.withLock { $0 }
            let summaries = discovery.entries.map { cached[key(for: $0)] ?? Self.cardSummary($0) }
            inbox.post(.zooLoaded(summaries, problems: discovery.problems))
            for entry in discovery.entries where cached[key(for: entry)] == nil {
                do {
                    let summary = try Self.fullSummary(entry)
                    cache.withLock { $0[key(for: entry)] = summary }
                    inbox.post(.backboneUpdated(summary))
                } catch {
                    inbox.post(.failed("\(entry.card.name): cannot build the network: \(error)"))
                }
            }
        }
    }

    private func key(for entry: BackboneEntry) -> String {
        let date = (try? FileManager.default.attributesOfItem(atPath: entry.cardURL.path)[.modificationDate] as? Date) ?? nil
        return entry.cardURL.path + "@" + String(date?.timeIntervalSince1970 ?? 0)
    }

    static func cardSummary(_ entry: BackboneEntry) -> BackboneSummary {
        let card = entry.card
        var input = card.input.kind.rawValue
        if let shape = card.input.shape { input += " \(shape)" }
        if let mean = card.input.mean, let std = card.input.std { input += ", mean \(mean), std \(std)" }
        if let length = card.input.maxLength { input += ", up to \(length) tokens" }
        var lines: [String] = []
        if let summary = card.summary { lines.append(summary) }
        if let p = card.provenance {
            if let command = p.command { lines.append("made by: \(command)") }
            if let data = p.data { lines.append("trained on: \(data)") }
            if let accuracy = p.accuracy { lines.append(String(format: "source accuracy: %.4f", accuracy)) }
            if let epochs = p.epochs { lines.append("epochs: \(epochs)" + (p.seed.map { ", seed \($0)" } ?? "")) }
            if let license = p.license { lines.append("license: \(license)") }
        }
        lines.append("weights: \(entry.weightsURL.lastPathComponent)")
        return BackboneSummary(name: card.name, architecture: card.architecture.kind.rawValue, parameters: 0,
                               sourceTask: card.source.task + (card.source.dataset.map { " (\($0))" } ?? ""),
                               sourceClasses: card.source.classes, input: input, inputKind: card.input.kind.rawValue,
                               origin: "\(entry.origin.rawValue): \(entry.cardURL.path)", card: lines, layers: [], blocks: [],
                               headPrefixes: card.head)
    }

    /// The card summary with the layer tree of a freshly built (untrained) network.
    static func fullSummary(_ entry: BackboneEntry) throws -> BackboneSummary {
        var summary = cardSummary(entry)
        var generator = SeededGenerator(seed: 0)
        let network = try withComputeThreads(1) { try BackboneLoader.build(entry.card, generator: &generator) }
        summary.architecture = network.summary
        summary.parameters = network.parameterCount
        summary.blocks = network.children().map(\.name)
        summary.layers = network.namedModules().filter { !$0.path.isEmpty }.map { module in
            LayerNode(path: module.path, depth: module.depth, summary: module.module.summary,
                      parameters: module.module.parameterCount, isBatchNorm: module.module is BatchNorm2d,
                      hasChildren: !module.module.children().isEmpty)
        }
        return summary
    }
}
