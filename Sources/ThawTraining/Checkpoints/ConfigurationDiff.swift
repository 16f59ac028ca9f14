import Foundation

/// Differences between two JSON configurations as readable key paths, so a refused resume
/// says what changed rather than that a hash differs.
enum ConfigurationDiff {
    static func differences(saved: String, current: String) -> [String] {
        guard saved != current else { return [] }
        let a = try? JSONSerialization.jsonObject(with: Data(saved.utf8), options: [.fragmentsAllowed])
        let b = try? JSONSerialization.jsonObject(with: Data(current.utf8), options: [.fragmentsAllowed])
        var out: [String] = []
        compare(a, b, path: "", into: &out)
        return out.isEmpty ? ["configuration text differs"] : out
    }

    private static func compare(_ a: Any?, _ b: Any?, path: String, into out: inout [String]) {
        let name = path.isEmpty ? "(root)" : path
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            for key in Set(x.keys).union(y.keys).sorted() {
                compare(x[key], y[key], path: path.isEmpty ? key : "\(path).\(key)", into: &out)
            }
        case let (x as [Any], y as [Any]) where x.count == y.count:
            for (i, pair) in zip(x, y).enumerated() { compare(pair.0, pair.1, path: "\(path)[\(i)]", into: &out) }
        case (nil, nil):
            break
        case (nil, let y?):
            out.append("\(name) was added (\(render(y)))")
        case (let x?, nil):
            out.append("\(name) was removed (was \(render(x)))")
        case let (x?, y?):
            if render(x) != render(y) { out.append("\(name): \(render(x)) → \(render(y))") }
        }
    }

    private static func render(_ value: Any) -> String {
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }
}
