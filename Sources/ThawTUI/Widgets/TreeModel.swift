/// A node of a tree (a model's layer hierarchy, a directory). `id` must be unique in the
/// tree: expansion and selection are kept as sets of ids so they survive the tree being
/// rebuilt every frame.
public struct TreeNode: Hashable, Sendable {
    public var id: String
    public var label: Span
    /// Right-aligned extra text (a parameter count, a frozen marker).
    public var detail: Span?
    public var children: [TreeNode]

    public init(id: String, label: Span, detail: Span? = nil, children: [TreeNode] = []) {
        self.id = id
        self.label = label
        self.detail = detail
        self.children = children
    }
}

/// One visible line of a flattened tree.
public struct TreeRow: Hashable, Sendable {
    public var id: String
    public var label: Span
    public var detail: Span?
    public var depth: Int
    public var hasChildren: Bool
    public var isExpanded: Bool
    /// For each ancestor level (outermost first) whether that ancestor was the last child,
    /// which decides whether its guide line continues down past this row.
    public var ancestorIsLast: [Bool]
    public var isLast: Bool
    public var parentID: String?
}

/// Pure tree logic for the `Tree` widget and the app's key handling.
public enum TreeModel {
    /// The rows shown when the nodes in `expanded` are open, in display order.
    public static func visibleRows(_ nodes: [TreeNode], expanded: Set<String>) -> [TreeRow] {
        var rows: [TreeRow] = []
        func walk(_ level: [TreeNode], depth: Int, ancestors: [Bool], parent: String?) {
            for (i, node) in level.enumerated() {
                let isLast = i == level.count - 1
                let open = expanded.contains(node.id) && !node.children.isEmpty
                rows.append(TreeRow(id: node.id, label: node.label, detail: node.detail, depth: depth,
                                    hasChildren: !node.children.isEmpty, isExpanded: open,
                                    ancestorIsLast: ancestors, isLast: isLast, parentID: parent))
                if open { walk(node.children, depth: depth + 1, ancestors: ancestors + [isLast], parent: node.id) }
            }
        }
        walk(nodes, depth: 0, ancestors: [], parent: nil)
        return rows
    }

    /// The id `delta` rows away from `selected` among visible rows, clamped to the ends.
    public static func move(_ selected: String?, by delta: Int, in rows: [TreeRow]) -> String? {
        guard !rows.isEmpty else { return nil }
        let current = selected.flatMap { id in rows.firstIndex { $0.id == id } } ?? 0
        return rows[min(max(0, current + delta), rows.count - 1)].id
    }

    /// Right arrow: open a closed node; on an open one, go to its first child.
    public static func expand(_ id: String, rows: [TreeRow], expanded: Set<String>) -> (expanded: Set<String>, selected: String) {
        guard let index = rows.firstIndex(where: { $0.id == id }), rows[index].hasChildren else { return (expanded, id) }
        if !rows[index].isExpanded { return (expanded.union([id]), id) }
        return (expanded, index + 1 < rows.count ? rows[index + 1].id : id)
    }

    /// Left arrow: close an open node; on a closed one or a leaf, go to its parent.
    public static func collapse(_ id: String, rows: [TreeRow], expanded: Set<String>) -> (expanded: Set<String>, selected: String) {
        guard let row = rows.first(where: { $0.id == id }) else { return (expanded, id) }
        if row.isExpanded { return (expanded.subtracting([id]), id) }
        return (expanded, row.parentID ?? id)
    }
}
