import ThawTrainingAPI

/// What a detector needs to know about the network to turn a finding into one-key actions:
/// the backbone's blocks in order, which are frozen, and which parameter group holds the
/// backbone. Without it detectors still report, with fewer suggestions.
public struct TransferLayout: Sendable, Equatable, Codable {
    /// Backbone blocks as module paths, input side first (`layer1` … `layer4`).
    public var blocks: [String]
    /// Blocks currently frozen.
    public var frozen: [String]
    /// The parameter group whose learning rate "backbone LR" means; nil scales every group.
    public var backboneGroup: String?

    public init(blocks: [String] = [], frozen: [String] = [], backboneGroup: String? = nil) {
        (self.blocks, self.frozen, self.backboneGroup) = (blocks, frozen, backboneGroup)
    }

    public var thawedBlocks: [String] { blocks.filter { !frozen.contains($0) } }
    public var frozenBlocks: [String] { blocks.filter { frozen.contains($0) } }

    /// The frozen block nearest the head: thawing from the top down keeps the most general
    /// (input-side) features intact the longest (ULMFiT's gradual unfreezing, Howard & Ruder 2018).
    var nextBlockToThaw: String? { frozenBlocks.last }

    /// The thawed block nearest the input: the first to freeze when fine-tuning does too much.
    var nextBlockToFreeze: String? { thawedBlocks.first }

    /// "Lower the backbone learning rate ×factor".
    func scaleBackboneLearningRate(_ factor: Double) -> SuggestedAction {
        .scaleLearningRate(group: backboneGroup, factor: factor)
    }
}
