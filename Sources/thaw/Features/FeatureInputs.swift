import Foundation
import ThawModels

enum FeatureInputs {
    /// A backbone from a path or, failing that, a zoo name.
    static func entry(_ name: String) throws -> BackboneEntry {
        if FileManager.default.fileExists(atPath: name) {
            guard let entry = try BackboneZoo.entry(at: URL(fileURLWithPath: name), origin: .explicit) else {
                throw FeatureError("\(name): not a backbone card, weights file with a card, or Hugging Face BERT directory")
            }
            return entry
        }
        let discovery = BackboneZoo.discover(in: BackboneZoo.searchDirectories())
        guard let entry = discovery.entries.first(where: { $0.card.name == name }) else {
            throw FeatureError("\(name): no such file or backbone")
        }
        return entry
    }

    static func parseShape(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { throw FeatureError("--shape \(text): give positive sizes like 1,8,8") }
        return parts.map { $0! }
    }
}

struct FeatureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A progress bar on stderr (plain percentages when stderr is not a terminal).
struct FeatureProgress {
    let total: Int
    private var done = 0
    private var lastPrinted = -1
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(total: Int) { self.total = total }

    mutating func advance(by count: Int) {
        done += count
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != lastPrinted, isTerminal || percent % 10 == 0 else { return }
        lastPrinted = percent
        let width = 30, filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "features \(bar) \(percent)% (\(done)/\(total))"
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

import ArgumentParser
import ThawTrainingAPI

extension DataConfig.Format: ExpressibleByArgument {}
extension BERTPoolingMode: ExpressibleByArgument {}
