import ThawTensor

/// How a stored tensor is written to a checkpoint. PyTorch keeps BatchNorm's
/// `num_batches_tracked` as int64; everything else here is float32.
public enum StoredType: Sendable {
    case float32
    case int64
}

/// Receives a module's contents, named with PyTorch state-dict keys, in PyTorch's order.
public protocol ModuleVisitor {
    mutating func parameter(_ name: String, _ parameter: Parameter)
    mutating func buffer(_ name: String, _ buffer: Parameter, storedAs type: StoredType)
    mutating func module(_ name: String, _ child: any Module)
}

extension ModuleVisitor {
    public mutating func buffer(_ name: String, _ buffer: Parameter) {
        self.buffer(name, buffer, storedAs: .float32)
    }
}

/// A network part that owns parameters, buffers and child modules.
///
/// Each module lists its contents exactly once, in `visit(_:)`, with the PyTorch key beside
/// each property: state dicts, parameter counts, freezing, the layer tree and checkpoint
/// loading are all walks over that one list, so they cannot disagree.
public protocol Module: AnyObject {
    /// Lists own parameters, then own buffers, then children, as `nn.Module.state_dict` orders them.
    func visit<V: ModuleVisitor>(_ visitor: inout V)
    /// Training mode (dropout active, BatchNorm on batch statistics) versus evaluation.
    var isTraining: Bool { get set }
    /// A short description of the module's configuration, like PyTorch's `extra_repr`.
    var summary: String { get }
}

extension Module {
    public var summary: String { String(describing: type(of: self)) }
}

/// A module mapping one tensor to one tensor, so it can sit in a `Sequential`.
public protocol Layer: Module {
    func callAsFunction(_ input: Tensor) -> Tensor
}
