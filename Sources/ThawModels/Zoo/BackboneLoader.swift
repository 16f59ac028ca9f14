import Foundation
import ThawNN
import ThawSafeTensors
import ThawTensor

/// A backbone built from its card with its pretrained weights in, and what loading did.
public struct LoadedBackbone {
    public let entry: BackboneEntry
    public let backbone: any Backbone
    public let report: LoadReport
}

public enum BackboneLoader {
    /// Builds the network the card describes, loads the weights (verifying every key and
    /// shape), and, when `classes` differs from the source task, replaces the head; the
    /// report then lists the head as re-initialised.
    public static func load(_ entry: BackboneEntry, classes: Int? = nil, seed: UInt64 = 0) throws -> LoadedBackbone {
        var generator = SeededGenerator(seed: seed)
        let backbone = try build(entry.card, generator: &generator)
        let file = try SafeTensorsFile(contentsOf: entry.weightsURL)
        var report: LoadReport
        if let bert = backbone as? BERTClassifier {
            report = try bert.loadCheckpoint(file) // Hugging Face names, prefixes and buffers
        } else {
            report = try backbone.loadStateDict(from: file, options: LoadOptions(headPrefixes: entry.card.head))
        }
        if let classes, classes != backbone.classes {
            let before = backbone.namedTensors().filter { key in entry.card.head.contains { key.key.hasPrefix($0 + ".") } }
            try backbone.replaceHead(classes: classes, generator: &generator)
            let after = Dictionary(backbone.namedTensors().map { ($0.key, $0.parameter.shape) }, uniquingKeysWith: { a, _ in a })
            for tensor in before {
                report.loaded.removeAll { $0 == tensor.key }
                report.reinitialized.append(.init(key: tensor.key, modelShape: after[tensor.key] ?? [], fileShape: tensor.parameter.shape))
            }
        }
        return LoadedBackbone(entry: entry, backbone: backbone, report: report)
    }

    /// A freshly initialised network of the card's architecture (the scratch baseline).
    public static func build(_ card: BackboneCard, generator: inout SeededGenerator) throws -> any Backbone {
        switch card.architecture.kind {
        case .mlp:
            guard let spec = card.architecture.mlp else { throw BackboneInputError("card \(card.name): architecture.mlp is missing") }
            return MLPBackbone(sizes: spec.sizes, generator: &generator)
        case .smallcnn:
            guard let spec = card.architecture.smallcnn else { throw BackboneInputError("card \(card.name): architecture.smallcnn is missing") }
            return SmallCNN(channels: spec.channels, imageSize: spec.imageSize, classes: spec.classes, width: spec.width,
                            hidden: spec.hidden, generator: &generator)
        case .bert:
            guard let config = card.architecture.bert else { throw BackboneInputError("card \(card.name): architecture.bert is missing") }
            return try BERTClassifier(config: config, classes: card.source.classes.count, seed: generator.next())
        case .resnet:
            guard let config = card.architecture.resnet else { throw BackboneInputError("card \(card.name): architecture.resnet is missing") }
            return try ResNet(config, generator: &generator)
        }
    }
}
