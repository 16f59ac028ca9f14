/// An immutable, contiguous, row-major Float32 array with an optional link into the autograd
/// graph.
///
/// Values, not references: every op returns a new tensor and never changes its inputs, so a
/// tensor saved for the backward pass still holds what the forward pass saw. The only
/// mutable tensor is `Parameter`.
public struct Tensor {
    public let shape: [Int]
    public let storage: TensorStorage
    /// The op that produced this tensor when gradients are being recorded; nil for constants.
    let node: GradNode?

    init(shape: [Int], storage: TensorStorage, node: GradNode? = nil) {
        precondition(ShapeMath.count(shape) == storage.count,
                     "shape \(shape) does not match \(storage.count) elements")
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(ShapeMath.count(shape) == scalars.count,
                     "shape \(shape) needs \(ShapeMath.count(shape)) scalars, got \(scalars.count)")
        let storage = TensorStorage(uninitializedCount: scalars.count)
        scalars.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { storage.pointer.initialize(from: base, count: scalars.count) }
        }
        self.init(shape: shape, storage: storage)
    }

    public init(_ scalar: Float) {
        self.init(shape: [], storage: TensorStorage(repeating: scalar, count: 1))
    }

    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    public init(repeating value: Float, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: ShapeMath.count(shape)))
    }

    /// A fresh tensor whose contents `fill` writes completely; the buffer starts uninitialised.
    static func filling(_ shape: [Int], _ fill: (UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let storage = TensorStorage(uninitializedCount: ShapeMath.count(shape))
        fill(storage.pointer)
        return Tensor(shape: shape, storage: storage)
    }

    public var rank: Int { shape.count }
    public var count: Int { storage.count }
    public var scalars: [Float] { Array(storage.buffer) }

    /// The value of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "scalar of a tensor with shape \(shape)")
        return storage.pointer[0]
    }

    /// True when gradients will flow back through this tensor.
    public var requiresGradient: Bool { node != nil }

    /// The same values, cut from the graph.
    public var detached: Tensor { Tensor(shape: shape, storage: storage) }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(storage.buffer))
    }

    var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    /// True if every element is finite: the guard the trainer runs before it updates weights.
    public var isFinite: Bool {
        let p = storage.pointer
        var bad = false
        for i in 0..<count where !p[i].isFinite { bad = true; break }
        return !bad
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
    }
}
