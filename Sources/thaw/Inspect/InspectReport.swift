import Foundation
import ThawModels
import ThawNN
import ThawSafeTensors

/// Plain-text renderings for `thaw inspect`.
enum InspectReport {
    static func header(_ loaded: LoadedBackbone) -> String {
        let card = loaded.entry.card
        let backbone = loaded.backbone
        var lines = ["\(card.name)  (\(loaded.entry.origin.rawValue): \(loaded.entry.cardURL.path))"]
        lines.append("\(backbone.summary) — \(count(backbone.parameterCount)) parameters, \(count(backbone.trainableParameterCount)) trainable")
        if let summary = card.summary { lines.append(summary) }
        let classes = card.source.classes
        lines.append("source: \(card.source.task) (\(classes.count) classes: \(classes.prefix(12).joined(separator: " "))\(classes.count > 12 ? " …" : ""))")
        var input = "input: \(card.input.kind.rawValue)"
        if let shape = card.input.shape { input += " \(shape)" }
        if let mean = card.input.mean, let std = card.input.std { input += ", mean \(mean), std \(std)" }
        if let maxLength = card.input.maxLength { input += ", up to \(maxLength) tokens" }
        lines.append(input)
        lines.append("head: \(card.head.joined(separator: ", ")) → \(backbone.classes) classes; features: \(backbone.featureDimension)")
        if let p = card.provenance {
            let parts = [p.command.map { "command: \($0)" }, p.seed.map { "seed \($0)" }, p.epochs.map { "\($0) epochs" },
                         p.accuracy.map { String(format: "accuracy %.4f", $0) }, p.data.map { "data: \($0)" }].compactMap { $0 }
            if !parts.isEmpty { lines.append("provenance: " + parts.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per module: path, description, parameters in its subtree, own tensor shapes.
    static func tree(_ root: any Module) -> String {
        var rows: [(String, String, String, String)] = []
        for entry in root.namedModules() where !entry.path.isEmpty {
            let name = String(repeating: "  ", count: entry.depth - 1) + (entry.path.split(separator: ".").last.map(String.init) ?? "")
            let own = ownTensors(entry.module).map { "\($0.key) \($0.parameter.shape)\($0.parameter.requiresGradient || $0.isBuffer ? "" : " frozen")" }
            let total = entry.module.parameterCount
            rows.append((name, entry.module.summary, total == 0 ? "" : count(total), own.joined(separator: "  ")))
        }
        let w0 = rows.map(\.0.count).max() ?? 0, w1 = rows.map(\.1.count).max() ?? 0, w2 = rows.map(\.2.count).max() ?? 0
        var lines = ["layer tree"]
        for r in rows {
            lines.append("  " + r.0.padding(toLength: w0, withPad: " ", startingAt: 0) + "  " + r.1.padding(toLength: w1, withPad: " ", startingAt: 0)
                         + "  " + String(repeating: " ", count: w2 - r.2.count) + r.2 + (r.3.isEmpty ? "" : "   " + r.3))
        }
        return lines.joined(separator: "\n")
    }

    /// Parameters and buffers the module holds itself (not its children's).
    private static func ownTensors(_ module: any Module) -> [NamedTensor] {
        module.namedTensors().filter { !$0.key.contains(".") }
    }

    static func tensorListing(_ file: SafeTensorsFile) -> String {
        var lines = ["\(file.name): \(file.tensors.count) tensors, no backbone card beside it (tensors listed; write a card to check them against an architecture)"]
        var total = 0
        for t in file.tensors.sorted(by: { $0.name < $1.name }) {
            let n = t.shape.reduce(1, *)
            total += n
            lines.append("  \(t.name)  \(t.dtype.rawValue) \(t.shape)  \(count(n))")
        }
        lines.append("total: \(count(total)) values")
        if !file.metadata.isEmpty {
            lines.append("metadata: " + file.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func count(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: n)) ?? "\(n)"
    }
}
