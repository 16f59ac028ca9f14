import ThawTrainingAPI

/// A backbone's layer tree with the freeze plan laid over it: the logic behind the Layers
/// screen (toggling, "freeze below", parameter counts), kept pure so every rule is tested
/// on a fake tree.
struct FreezeTree: Equatable, Sendable {
    struct Node: Equatable, Sendable {
        var layer: LayerNode
        var children: [Node]
        var path: String { layer.path }
        var name: String { String(layer.path.split(separator: ".").last ?? "") }
    }

    enum Status: Equatable, Sendable { case trainable, partlyFrozen, frozen }

    let roots: [Node]
    /// Every path in the tree, for existence checks.
    let paths: Set<String>

    /// Nests the flat, parents-first module list by path prefix.
    init(layers: [LayerNode]) {
        let known = Set(layers.map(\.path))
        var children: [String: [LayerNode]] = [:]
        var rootLayers: [LayerNode] = []
        for layer in layers {
            if let parent = FreezeTree.parent(of: layer.path), known.contains(parent) {
                children[parent, default: []].append(layer)
            } else {
                rootLayers.append(layer)
            }
        }
        func build(_ layer: LayerNode) -> Node {
            Node(layer: layer, children: (children[layer.path] ?? []).map(build))
        }
        roots = rootLayers.map(build)
        paths = known
    }

    static func parent(of path: String) -> String? {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return String(path[..<dot])
    }

    /// True when `path` is `prefix` or inside it.
    static func covers(_ prefix: String, _ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".")
    }

    func node(_ path: String) -> Node? {
        func find(_ nodes: [Node]) -> Node? {
            for node in nodes {
                if node.path == path { return node }
                if FreezeTree.covers(node.path, path), let found = find(node.children) { return found }
            }
            return nil
        }
        return find(roots)
    }

    func status(of path: String, frozen: [String]) -> Status {
        if frozen.contains(where: { FreezeTree.covers($0, path) }) { return .frozen }
        if frozen.contains(where: { $0.hasPrefix(path + ".") }) { return .partlyFrozen }
        return .trainable
    }

    /// Parameters that would train and that would not under `plan` at `epoch`. BatchNorm
    /// layers inside frozen parts keep trainable affine weights unless the policy is `frozen`.
    func parameterCounts(_ plan: FreezePlan, epoch: Int = 0) -> (trainable: Int, frozen: Int) {
        let frozen = plan.effectiveFrozen(epoch: epoch)
        var trainable = 0, fixed = 0
        func walk(_ node: Node, frozenAbove: Bool) {
            let isFrozen = frozenAbove || frozen.contains(node.path)
            let own = node.layer.parameters - node.children.reduce(0) { $0 + $1.layer.parameters }
            if isFrozen && !(node.layer.isBatchNorm && plan.batchNorm != .frozen) {
                fixed += Swift.max(0, own)
            } else {
                trainable += Swift.max(0, own)
            }
            for child in node.children { walk(child, frozenAbove: isFrozen) }
        }
        for root in roots { walk(root, frozenAbove: false) }
        return (trainable, fixed)
    }

    /// The frozen list after freezing `path`: paths inside it become redundant and go.
    func freezing(_ path: String, in frozen: [String]) -> [String] {
        if frozen.contains(where: { FreezeTree.covers($0, path) }) { return frozen }
        return frozen.filter { !FreezeTree.covers(path, $0) } + [path]
    }

    /// The frozen list after thawing `path`. When an ancestor is frozen, it is replaced by its
    /// children that are not on the way to `path`, so exactly `path` thaws and nothing else.
    func thawing(_ path: String, in frozen: [String]) -> [String] {
        var result = frozen.filter { !FreezeTree.covers(path, $0) }
        while let ancestor = result.first(where: { path.hasPrefix($0 + ".") }) {
            result.removeAll { $0 == ancestor }
            var current = node(ancestor)
            while let level = current, level.path != path {
                var next: Node?
                for child in level.children {
                    if FreezeTree.covers(child.path, path) { next = child } else { result.append(child.path) }
                }
                current = next
            }
        }
        return result
    }

    func toggling(_ path: String, in frozen: [String]) -> [String] {
        status(of: path, frozen: frozen) == .frozen ? thawing(path, in: frozen) : freezing(path, in: frozen)
    }

    /// The top-level block a path belongs to.
    static func block(of path: String) -> String {
        String(path.split(separator: ".").first ?? Substring(path))
    }

    /// "Freeze everything below this block": every block on the input side of the one holding
    /// `path` is frozen (parameter-free blocks and the head are left alone), the rest thawed.
    /// Returns nil when nothing lies below.
    func freezingBelow(_ path: String, blocks: [String], heads: [String]) -> [String]? {
        guard let index = blocks.firstIndex(of: FreezeTree.block(of: path)) else { return nil }
        let below = blocks.prefix(index).filter { block in
            !heads.contains { FreezeTree.covers($0, block) } && (node(block)?.layer.parameters ?? 1) > 0
        }
        return below.isEmpty ? nil : Array(below)
    }

    /// Every path of a BatchNorm layer inside `prefix`.
    func batchNormPaths(under prefix: String) -> [String] {
        var result: [String] = []
        func walk(_ node: Node) {
            if node.layer.isBatchNorm, FreezeTree.covers(prefix, node.path) { result.append(node.path) }
            node.children.forEach(walk)
        }
        roots.forEach(walk)
        return result
    }
}
