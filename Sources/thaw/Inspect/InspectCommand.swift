import ArgumentParser
import Foundation
import ThawModels
import ThawNN
import ThawSafeTensors

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a backbone's layer tree and how its weights load.",
        discussion: """
        PATH is a backbone card (.json), a weights file with a card beside it, a Hugging Face \
        BERT directory, a bare .safetensors file (its tensors are listed), or the name of a \
        backbone in the zoo. Exits with status 1 and one line on stderr for a file that cannot \
        be used.
        """
    )

    @Argument(help: "Card, weights file, Hugging Face directory or zoo name.")
    var path: String

    @Option(help: "Also load with a new head of this many classes (shows the re-initialised head).")
    var classes: Int?

    @Option(name: .customLong("backbones"), help: "Extra directory of backbones to search for names.")
    var backboneDirectories: [String] = []

    func run() throws {
        do {
            try inspect()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("thaw inspect: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func inspect() throws {
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) {
            if let entry = try BackboneZoo.entry(at: url, origin: .explicit) {
                try printBackbone(entry)
            } else if url.pathExtension == "json" {
                throw InspectError("\(path): not a backbone card (no \"format\": \"\(BackboneCard.currentFormat)\")")
            } else {
                try printTensors(of: url)
            }
            return
        }
        let directories = BackboneZoo.searchDirectories(explicit: backboneDirectories.map { URL(fileURLWithPath: $0) })
        let discovery = BackboneZoo.discover(in: directories)
        guard let entry = discovery.entries.first(where: { $0.card.name == path }) else {
            let known = discovery.entries.map(\.card.name).joined(separator: ", ")
            throw InspectError("\(path): no such file or backbone" + (known.isEmpty ? "" : " (known: \(known))"))
        }
        try printBackbone(entry)
    }

    private func printBackbone(_ entry: BackboneEntry) throws {
        let loaded = try BackboneLoader.load(entry, classes: classes)
        print(InspectReport.header(loaded))
        print("")
        print(InspectReport.tree(loaded.backbone))
        print("")
        print("load report (\(entry.weightsURL.path))")
        print(loaded.report.description.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }

    /// A safetensors file with no card: list what is inside.
    private func printTensors(of url: URL) throws {
        let file = try SafeTensorsFile(contentsOf: url)
        print(InspectReport.tensorListing(file))
    }
}

struct InspectError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
