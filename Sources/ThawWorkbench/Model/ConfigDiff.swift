import ThawTrainingAPI

/// Differences between two experiment configurations, key by key, found by walking the
/// values with `Mirror` so a field added to `RunConfig` is compared without touching this.
enum ConfigDiff {
    struct Change: Equatable, Sendable {
        var key: String
        var old: String
        var new: String
    }

    static func changes(from old: RunConfig, to new: RunConfig) -> [Change] {
        var a: [(String, String)] = [], b: [(String, String)] = []
        flatten(old, prefix: "", into: &a)
        flatten(new, prefix: "", into: &b)
        let oldMap = Dictionary(a, uniquingKeysWith: { first, _ in first })
        let newMap = Dictionary(b, uniquingKeysWith: { first, _ in first })
        var keys: [String] = []
        var seen: Set<String> = []
        for (key, _) in a + b where seen.insert(key).inserted { keys.append(key) }
        return keys.compactMap { key in
            let o = oldMap[key] ?? "-", n = newMap[key] ?? "-"
            return o == n ? nil : Change(key: key, old: o, new: n)
        }
    }

    /// Leaves as (dotted snake_case key, text). Optionals that are nil read as "-".
    static func flatten(_ value: Any, prefix: String, into out: inout [(String, String)]) {
        if isLeaf(value) { out.append((prefix, describe(value))); return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let child = mirror.children.first { flatten(child.value, prefix: prefix, into: &out) } else { out.append((prefix, "-")) }
        case .struct, .class:
            guard !mirror.children.isEmpty else { out.append((prefix, "\(value)")); return }
            for child in mirror.children {
                guard let label = child.label else { continue }
                let key = snakeCase(label)
                flatten(child.value, prefix: prefix.isEmpty ? key : prefix + "." + key, into: &out)
            }
        case .collection:
            // Arrays are one value each: "[conv1, layer1]", or for groups
            // "[{name=layer1 paths=[layer1] lr_scale=0.1}]", so a change reads as one line.
            let elements = mirror.children.map(\.value)
            out.append((prefix, "[" + elements.map { isPlain($0) ? describe($0) : compact($0) }.joined(separator: ", ") + "]"))
        default:
            out.append((prefix, describe(value)))
        }
    }

    /// A structure on one line, nil fields left out.
    static func compact(_ value: Any) -> String {
        var fields: [(String, String)] = []
        flatten(value, prefix: "", into: &fields)
        return "{" + fields.filter { $0.1 != "-" }.map { "\($0.0)=\($0.1)" }.joined(separator: " ") + "}"
    }

    static func isLeaf(_ value: Any) -> Bool {
        value is String || value is Double || value is Int || value is Bool || value is UInt64 || value is any RawRepresentable
    }

    static func isPlain(_ value: Any) -> Bool {
        if isLeaf(value) { return true }
        if Mirror(reflecting: value).displayStyle == .collection {
            return Mirror(reflecting: value).children.allSatisfy { isPlain($0.value) }
        }
        return false
    }

    static func describe(_ value: Any) -> String {
        if let d = value as? Double { return Format.number(d) }
        if let s = value as? String { return s }
        if let r = value as? any RawRepresentable { return "\(r.rawValue)" }
        if Mirror(reflecting: value).displayStyle == .collection {
            return "[" + Mirror(reflecting: value).children.map { describe($0.value) }.joined(separator: ", ") + "]"
        }
        return "\(value)"
    }

    static func snakeCase(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
