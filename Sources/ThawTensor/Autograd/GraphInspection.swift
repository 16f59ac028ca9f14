extension Tensor {
    /// The kinds of op recorded in the graph behind this tensor. Lets the gradient-check
    /// registry test see which ops a check really exercised, rather than trusting a label.
    public var recordedOpKinds: Set<OpKind> {
        var kinds: Set<OpKind> = []
        var seen: Set<ObjectIdentifier> = []
        var stack = [node].compactMap { $0 }
        while let next = stack.popLast() {
            guard seen.insert(ObjectIdentifier(next)).inserted else { continue }
            if let kind = next.op.kind { kinds.insert(kind) }
            stack.append(contentsOf: next.op.inputs.compactMap(\.node))
        }
        return kinds
    }
}
