/// One action and the keys that trigger it. Keymaps are data so that the help bar, the
/// help overlay and the dispatcher can never disagree about what a key does.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    /// Stable identifier the app's `update` switches on, e.g. `"train.pause"`.
    public var action: String
    /// Short text for help bars ("Pause").
    public var description: String
    /// Heading under which the help overlay lists it ("Training").
    public var group: String

    public init(keys: [Key], action: String, description: String, group: String = "General") {
        self.keys = keys
        self.action = action
        self.description = description
        self.group = group
    }
}

/// A hint shown in a help bar.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var description: String

    public init(key: String, description: String) {
        self.key = key
        self.description = description
    }
}

/// Key → action lookup over a list of bindings. When two bindings claim one key the first
/// wins, and `conflicts` reports it so a test can forbid it.
public struct Keymap: Hashable, Sendable {
    public let bindings: [KeyBinding]
    private let byKey: [Key: Int]

    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
        var map: [Key: Int] = [:]
        for (i, binding) in bindings.enumerated() {
            for key in binding.keys where map[key] == nil { map[key] = i }
        }
        byKey = map
    }

    public func action(for key: Key) -> String? { byKey[key].map { bindings[$0].action } }

    public func binding(for action: String) -> KeyBinding? { bindings.first { $0.action == action } }

    /// Keys bound to more than one action, with the actions involved.
    public var conflicts: [(key: Key, actions: [String])] {
        var seen: [Key: [String]] = [:]
        var order: [Key] = []
        for binding in bindings {
            for key in binding.keys {
                if seen[key] == nil { order.append(key) }
                seen[key, default: []].append(binding.action)
            }
        }
        return order.compactMap { key in seen[key]!.count > 1 ? (key, seen[key]!) : nil }
    }

    /// Hints for a help bar: the first key of each binding (all keys joined with `/` when
    /// `allKeys`), optionally only for some actions, in the order asked for.
    public func hints(for actions: [String]? = nil, glyphs: GlyphSet = .unicode, allKeys: Bool = false) -> [KeyHint] {
        let chosen = actions.map { $0.compactMap(binding(for:)) } ?? bindings
        return chosen.compactMap { b in
            guard let first = b.keys.first else { return nil }
            let label = allKeys ? b.keys.map { $0.label(glyphs) }.joined(separator: "/") : first.label(glyphs)
            return KeyHint(key: label, description: b.description)
        }
    }

    /// Groups in first-appearance order, each with its hints: the help overlay's content.
    public func groupedHints(glyphs: GlyphSet = .unicode) -> [(group: String, hints: [KeyHint])] {
        var groups: [String] = []
        var byGroup: [String: [KeyHint]] = [:]
        for b in bindings {
            if byGroup[b.group] == nil { groups.append(b.group) }
            let label = b.keys.map { $0.label(glyphs) }.joined(separator: "/")
            byGroup[b.group, default: []].append(KeyHint(key: label, description: b.description))
        }
        return groups.map { ($0, byGroup[$0]!) }
    }

    /// The help overlay as plain lines ("  q/Esc   Quit"), keys padded to one column.
    public func helpLines(glyphs: GlyphSet = .unicode) -> [Line] {
        let grouped = groupedHints(glyphs: glyphs)
        let keyWidth = grouped.flatMap(\.hints).map { CharWidth.width(of: $0.key) }.max() ?? 0
        var lines: [Line] = []
        for (index, (group, hints)) in grouped.enumerated() {
            if index > 0 { lines.append(Line("")) }
            lines.append(Line([Span(group, role: .title, flags: .bold)]))
            for hint in hints {
                let pad = String(repeating: " ", count: keyWidth - CharWidth.width(of: hint.key))
                lines.append(Line([Span("  " + hint.key + pad, role: .primary), Span("  " + hint.description)]))
            }
        }
        return lines
    }
}
