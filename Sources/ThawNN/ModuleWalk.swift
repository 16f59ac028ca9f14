import ThawTensor

/// One named tensor of a module tree, with the full dotted key (`layer1.0.conv1.weight`).
public struct NamedTensor {
    public let key: String
    public let parameter: Parameter
    public let isBuffer: Bool
    public let storedType: StoredType
}

/// One module of a tree with its dotted path ("" for the root).
public struct NamedModule {
    public let path: String
    public let module: any Module
    public let depth: Int
}

extension Module {
    /// Parameters and buffers under full keys, in state-dict order.
    public func namedTensors() -> [NamedTensor] {
        var collector = TensorCollector(prefix: "")
        visit(&collector)
        return collector.tensors
    }

    public func namedParameters() -> [(key: String, parameter: Parameter)] {
        namedTensors().filter { !$0.isBuffer }.map { ($0.key, $0.parameter) }
    }

    public var parameters: [Parameter] { namedParameters().map(\.parameter) }

    /// Every module in the tree, depth first, parents before children.
    public func namedModules() -> [NamedModule] {
        var result = [NamedModule(path: "", module: self, depth: 0)]
        var children = ChildCollector()
        visit(&children)
        for (name, child) in children.children {
            result += child.namedModules().map {
                NamedModule(path: $0.path.isEmpty ? name : "\(name).\($0.path)", module: $0.module, depth: $0.depth + 1)
            }
        }
        return result
    }

    /// The direct children with their names.
    public func children() -> [(name: String, module: any Module)] {
        var collector = ChildCollector()
        visit(&collector)
        return collector.children
    }

    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.parameter.count } }
    public var trainableParameterCount: Int {
        namedParameters().reduce(0) { $0 + ($1.parameter.requiresGradient ? $1.parameter.count : 0) }
    }

    /// Sets training or evaluation mode on the whole tree, as `nn.Module.train(mode)`.
    public func setTraining(_ training: Bool) {
        for entry in namedModules() { entry.module.isTraining = training }
    }
}

private struct TensorCollector: ModuleVisitor {
    let prefix: String
    var tensors: [NamedTensor] = []

    mutating func parameter(_ name: String, _ parameter: Parameter) {
        tensors.append(NamedTensor(key: prefix + name, parameter: parameter, isBuffer: false, storedType: .float32))
    }

    mutating func buffer(_ name: String, _ buffer: Parameter, storedAs type: StoredType) {
        tensors.append(NamedTensor(key: prefix + name, parameter: buffer, isBuffer: true, storedType: type))
    }

    mutating func module(_ name: String, _ child: any Module) {
        var inner = TensorCollector(prefix: prefix + name + ".")
        child.visit(&inner)
        tensors += inner.tensors
    }
}

private struct ChildCollector: ModuleVisitor {
    var children: [(name: String, module: any Module)] = []
    mutating func parameter(_ name: String, _ parameter: Parameter) {}
    mutating func buffer(_ name: String, _ buffer: Parameter, storedAs type: StoredType) {}
    mutating func module(_ name: String, _ child: any Module) { children.append((name, child)) }
}
