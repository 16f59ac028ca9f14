/// Vocabulary entries keyed by their exact Unicode scalars.
///
/// A trie rather than a `[String: Int]` for two reasons: greedy longest-match-first needs the
/// longest vocabulary prefix of a word, which one walk finds instead of one lookup per candidate
/// length; and Swift `String` equality is canonical equivalence, whereas Hugging Face compares
/// code points, so "é" and "e\u{301}" must stay different keys.
struct PieceTrie: Sendable {
    static let root: Int32 = 0

    /// (node << 32 | scalar) → child node. One flat dictionary keeps the trie a handful of
    /// allocations instead of one per node.
    private var edges: [UInt64: Int32] = [:]
    /// Token id ending at each node, or -1.
    private var ids: [Int32] = [-1]

    init() {}

    /// Adds a token; returns the id already stored for exactly these scalars, if any, and then
    /// leaves the trie unchanged.
    mutating func insert(_ scalars: some Sequence<UInt32>, id: Int) -> Int? {
        var node = Self.root
        for scalar in scalars {
            let key = Self.key(node, scalar)
            if let next = edges[key] {
                node = next
            } else {
                let next = Int32(ids.count)
                ids.append(-1)
                edges[key] = next
                node = next
            }
        }
        if ids[Int(node)] >= 0 { return Int(ids[Int(node)]) }
        ids[Int(node)] = Int32(id)
        return nil
    }

    @inline(__always)
    func child(of node: Int32, _ scalar: UInt32) -> Int32? {
        edges[Self.key(node, scalar)]
    }

    /// The node reached by `scalars` from `start`, if the path exists.
    func node(after scalars: some Sequence<UInt32>, from start: Int32 = root) -> Int32? {
        var node = start
        for scalar in scalars {
            guard let next = child(of: node, scalar) else { return nil }
            node = next
        }
        return node
    }

    func id(at node: Int32) -> Int? {
        let id = ids[Int(node)]
        return id >= 0 ? Int(id) : nil
    }

    /// The longest non-empty vocabulary entry that, read from `start`, is a prefix of
    /// `word[from...]`: its id and the index just past it.
    @inline(__always)
    func longestMatch(in word: ArraySlice<UInt32>, from: Int, start: Int32) -> (id: Int, end: Int)? {
        var node = start
        var best: (id: Int, end: Int)?
        var index = from
        while index < word.endIndex, let next = child(of: node, word[index]) {
            node = next
            index += 1
            let id = ids[Int(node)]
            if id >= 0 { best = (Int(id), index) }
        }
        return best
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar)
    }
}
