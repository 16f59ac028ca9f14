import ThawNN
import ThawTensor

/// A batch in the form a backbone consumes: images or tabular rows as one dense tensor, or
/// tokenised text.
public enum BackboneBatch {
    case dense(Tensor)
    case tokens(TokenBatch)

    public var count: Int {
        switch self {
        case .dense(let x): x.shape.first ?? 0
        case .tokens(let t): t.batch
        }
    }
}

/// Token ids with their masks, row-major `batch × sequence`.
public struct TokenBatch: Sendable, Equatable {
    public var ids: [Int]
    public var attentionMask: [Int]
    public var tokenTypeIds: [Int]
    public var batch: Int
    public var sequence: Int

    public init(ids: [Int], attentionMask: [Int], tokenTypeIds: [Int]? = nil, batch: Int, sequence: Int) {
        precondition(ids.count == batch * sequence && attentionMask.count == ids.count, "token batch sizes disagree")
        self.ids = ids
        self.attentionMask = attentionMask
        self.tokenTypeIds = tokenTypeIds ?? [Int](repeating: 0, count: ids.count)
        self.batch = batch
        self.sequence = sequence
    }
}

/// What training, feature extraction and the diagnostics need from any pretrained network.
public protocol Backbone: Module {
    /// Module paths of the task head: replaced for a new task, re-initialised when loading.
    var headPrefixes: [String] { get }
    /// Width of `features`.
    var featureDimension: Int { get }
    /// Classes the current head predicts.
    var classes: Int { get }
    /// Pooled penultimate features, `(N, featureDimension)`.
    func features(_ batch: BackboneBatch) throws -> Tensor
    /// Head outputs, `(N, classes)`.
    func logits(_ batch: BackboneBatch) throws -> Tensor
    /// The head alone, on rows of `features`: `logits(x) == classify(features(x))`. Lets a
    /// frozen backbone's features be computed once and reused (an instant linear probe).
    func classify(features: Tensor) -> Tensor
    /// Swaps in a freshly initialised head with `classes` outputs (throws for classes < 1).
    func replaceHead(classes: Int, generator: inout SeededGenerator) throws
    /// The card's architecture entry that rebuilds this network as it is now (head
    /// included), nil when it cannot be described by a card.
    var architecture: ArchitectureSpec? { get }
}

extension Backbone {
    public var architecture: ArchitectureSpec? { nil }
}

/// The batch was not the kind this backbone reads (text for a CNN, a wrong image shape).
public struct BackboneInputError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension BackboneBatch {
    /// The dense tensor, or an error naming what the backbone expected instead.
    func dense(for backbone: String) throws -> Tensor {
        guard case .dense(let x) = self else { throw BackboneInputError("\(backbone) reads images or feature rows, not text") }
        return x
    }
}

extension Backbone {
    /// The body's blocks, input side first: the units of "freeze everything below block k",
    /// of discriminative rates and of surgical fine-tuning. Top-level children with
    /// parameters, except the head; a child that holds the head (SmallCNN's `classifier`)
    /// is split into its own children, so freezing a block never freezes the head.
    public var blocks: [String] {
        func expand(_ module: any Module, prefix: String) -> [String] {
            module.children().flatMap { name, child -> [String] in
                let path = prefix.isEmpty ? name : "\(prefix).\(name)"
                if headPrefixes.contains(path) || child.parameterCount == 0 { return [] }
                if headPrefixes.contains(where: { $0.hasPrefix(path + ".") }) { return expand(child, prefix: path) }
                return [path]
            }
        }
        return expand(self, prefix: "")
    }
}
