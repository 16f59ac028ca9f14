import Foundation

/// Why a vocabulary file was refused. The description is one line that names the file, so a
/// command-line tool or the UI can show it as is.
public struct TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Problem: Equatable, Sendable {
        /// The file could not be read (missing, a directory, no permission…); the reason is the
        /// system's message.
        case unreadable(String)
        /// Refused before reading: a real WordPiece vocabulary is a few hundred kilobytes.
        case tooLarge(bytes: Int, limit: Int)
        /// The first byte of the first malformed UTF-8 sequence, counted from 0.
        case notUTF8(byteOffset: Int)
        case empty
        /// 1-based line numbers; the token id of a line is its number minus one.
        case duplicateToken(String, firstLine: Int, secondLine: Int)
        case missingSpecialTokens([String])
    }

    public let file: String
    public let problem: Problem

    init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        let what: String
        switch problem {
        case let .unreadable(reason):
            what = "cannot be read (\(reason))"
        case let .tooLarge(bytes, limit):
            what = "is \(bytes) bytes, more than the \(limit)-byte limit for a vocabulary"
        case let .notUTF8(offset):
            what = "is not valid UTF-8 (bad byte sequence at byte offset \(offset))"
        case .empty:
            what = "is empty"
        case let .duplicateToken(token, first, second):
            what = "has the token \(token.debugDescription) twice, on lines \(first) and \(second)"
        case let .missingSpecialTokens(tokens):
            what = "lacks the required special token\(tokens.count == 1 ? "" : "s") \(tokens.joined(separator: " "))"
        }
        return "vocabulary \(file) \(what)"
    }
}
