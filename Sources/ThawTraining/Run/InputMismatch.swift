import ThawModels

/// Why a backbone cannot read a dataset. One rule for the run, which refuses to start, and
/// for the transferability screening, which skips the backbone and shows why.
public struct InputMismatch: Sendable, Equatable {
    /// The full sentence for an error message.
    public let message: String
    /// A few words for a table cell: "input 1×28×28 ≠ data 3×32×32".
    public let summary: String
    /// The experiment key to change.
    public let configPath: String

    /// Nil when `card`'s input fits: the same kind (text or not) and, for numeric data, the
    /// same per-example shape (a tabular backbone also takes any shape with as many values).
    public static func check(_ card: BackboneCard, isText: Bool, featureShape: [Int]) -> InputMismatch? {
        let kind = card.input.kind
        if isText != (kind == .text) {
            let reads = kind == .image ? "images" : kind.rawValue
            return InputMismatch(message: "reads \(kind.rawValue) input but the data is \(isText ? "text" : "numeric")",
                                 summary: "reads \(reads), data is \(isText ? "text" : "numeric")", configPath: "backbone")
        }
        // A ResNet pools adaptively, so any image of at least 8×8 works; only the channels must agree.
        if card.architecture.kind == .resnet, let shape = card.input.shape, shape.count == 3, featureShape.count == 3,
           featureShape[1] >= 8, featureShape[2] >= 8 {
            guard shape[0] != featureShape[0] else { return nil }
            return InputMismatch(message: "the backbone reads \(shape[0])-channel images, the data has \(featureShape[0]) channel(s)",
                                 summary: "input \(shape[0]) channel(s) ≠ data \(featureShape[0])", configPath: "data.shape")
        }
        guard let shape = card.input.shape, !isText, shape != featureShape,
              shape.reduce(1, *) != featureShape.reduce(1, *) || kind == .image else { return nil }
        return InputMismatch(message: "the backbone reads examples of shape \(shape), the data has \(featureShape)",
                             summary: "input \(dimensions(shape)) ≠ data \(dimensions(featureShape))", configPath: "data.shape")
    }

    private static func dimensions(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }
}
