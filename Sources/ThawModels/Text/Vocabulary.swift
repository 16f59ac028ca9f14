import Foundation

/// A BERT `vocab.txt`: one token per line, the token id being the 0-based line number.
///
/// Loading is strict because a silently wrong vocabulary gives plausible but wrong ids, which
/// only show up as a model that quietly performs worse.
public struct WordPieceVocabulary: Sendable {
    /// 50 MiB. Real vocabularies are a few hundred kilobytes; anything this big is the wrong
    /// file, and reading it whole first would be the expensive part of finding that out.
    static let maximumFileSize = 50 * 1024 * 1024
    static let requiredSpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]

    /// Token strings by id; `String` so `tokenize` can hand them out without building new ones.
    let tokens: [String]
    let trie: PieceTrie
    let specials: SpecialTokens

    /// Reads and checks a vocabulary file.
    public init(contentsOf url: URL) throws(TokenizerError) {
        let name = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw TokenizerError(file: name, problem: .unreadable("no such file"))
        }
        guard !isDirectory.boolValue else { throw TokenizerError(file: name, problem: .unreadable("it is a directory")) }
        let data: Data
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            guard size <= Self.maximumFileSize else {
                throw TokenizerError(file: name, problem: .tooLarge(bytes: size, limit: Self.maximumFileSize))
            }
            data = try Data(contentsOf: url)
        } catch let error as TokenizerError {
            throw error
        } catch {
            throw TokenizerError(file: name, problem: .unreadable(Self.reason(error)))
        }
        try self.init(data: data, source: name)
    }

    /// Parses vocabulary bytes as `BertTokenizer` reads them (Python universal newlines: `\n`,
    /// `\r\n` and a lone `\r` all end a line, and a final line break adds no empty token).
    init(data: Data, source: String) throws(TokenizerError) {
        guard data.count <= Self.maximumFileSize else {
            throw TokenizerError(file: source, problem: .tooLarge(bytes: data.count, limit: Self.maximumFileSize))
        }
        guard !data.isEmpty else { throw TokenizerError(file: source, problem: .empty) }
        let bytes = [UInt8](data)
        if let offset = Self.firstInvalidUTF8Offset(bytes) {
            throw TokenizerError(file: source, problem: .notUTF8(byteOffset: offset))
        }
        var lines: [String] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        try self.init(tokens: lines, source: source)
    }

    /// Builds a vocabulary from tokens in id order; the checks of a file apply, with `source`
    /// standing in for the file name.
    init(tokens: [String], source: String = "<in-memory vocabulary>") throws(TokenizerError) {
        var trie = PieceTrie()
        for (id, token) in tokens.enumerated() {
            if let earlier = trie.insert(token.unicodeScalars.lazy.map(\.value), id: id) {
                throw TokenizerError(
                    file: source, problem: .duplicateToken(token, firstLine: earlier + 1, secondLine: id + 1))
            }
        }
        let lookup = { (token: String) in trie.node(after: token.unicodeScalars.lazy.map(\.value)).flatMap(trie.id(at:)) }
        let missing = Self.requiredSpecialTokens.filter { lookup($0) == nil }
        guard missing.isEmpty else {
            throw TokenizerError(file: source, problem: .missingSpecialTokens(missing))
        }
        self.tokens = tokens
        self.trie = trie
        self.specials = SpecialTokens(
            pad: lookup("[PAD]")!, unknown: lookup("[UNK]")!, classifier: lookup("[CLS]")!,
            separator: lookup("[SEP]")!, mask: lookup("[MASK]"))
    }

    public var count: Int { tokens.count }

    /// The id of exactly this token (code point for code point), if it is in the vocabulary.
    public func id(for token: String) -> Int? {
        trie.node(after: token.unicodeScalars.lazy.map(\.value)).flatMap(trie.id(at:))
    }

    public func token(for id: Int) -> String? {
        tokens.indices.contains(id) ? tokens[id] : nil
    }

    /// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
    /// forms and surrogates included, as Python rejects them too).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let cocoa = error as NSError
        let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError ?? cocoa
        // The message ends up inside a one-line description.
        return underlying.localizedDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
