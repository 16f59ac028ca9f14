import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor

@Suite("Backbone zoo")
struct ZooTests {
    func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-zoo-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func writeBackbone(_ name: String, in directory: URL) throws {
        var generator = SeededGenerator(seed: 1)
        let model = MLPBackbone(sizes: [4, 3, 2], generator: &generator)
        try model.saveStateDict(to: directory.appendingPathComponent("\(name).safetensors"))
        let card = BackboneCard(name: name, architecture: model.architecture!, input: InputSpec(kind: .tabular, shape: [4]),
                                source: SourceTask(task: "test", classes: ["a", "b"]), head: model.headPrefixes)
        try JSONEncoder().encode(card).write(to: directory.appendingPathComponent("\(name).json"))
    }

    @Test func findsCardsReportsBrokenOnesAndPrefersEarlierDirectories() throws {
        let first = try directory(), second = try directory()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        try writeBackbone("alpha", in: first)
        try writeBackbone("alpha", in: second) // shadowed by the first directory
        try writeBackbone("beta", in: second)
        try Data(#"{"format": "thaw-backbone/1", "name": "broken"}"#.utf8).write(to: second.appendingPathComponent("broken.json"))
        try Data(#"{"unrelated": true}"#.utf8).write(to: second.appendingPathComponent("other.json"))
        let discovery = BackboneZoo.discover(in: [(first, .explicit), (second, .userLibrary)])
        #expect(discovery.entries.map(\.card.name) == ["alpha", "beta"])
        #expect(discovery.entries[0].origin == .explicit && discovery.entries[0].cardURL.deletingLastPathComponent().path == first.path)
        #expect(discovery.problems.count == 1 && discovery.problems[0].contains("broken.json"))
    }

    @Test func searchOrderIsExplicitThenUserThenSampleData() {
        let dirs = BackboneZoo.searchDirectories(explicit: [URL(fileURLWithPath: "/extra")],
                                                 environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"],
                                                 workingDirectory: URL(fileURLWithPath: "/nowhere"),
                                                 executable: URL(fileURLWithPath: "/nowhere/thaw"))
        #expect(dirs.map(\.0.path) == ["/extra", "/xdg/thaw/backbones"])
        let home = BackboneZoo.searchDirectories(environment: ["HOME": "/home/u"], workingDirectory: URL(fileURLWithPath: "/nowhere"),
                                                 executable: URL(fileURLWithPath: "/nowhere/thaw"))
        #expect(home.map(\.0.path) == ["/home/u/.local/share/thaw/backbones"])
    }

    @Test func loadingWithNewClassesReinitialisesTheHead() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeBackbone("gamma", in: dir)
        let entry = try #require(try BackboneZoo.entry(at: dir.appendingPathComponent("gamma.json"), origin: .explicit))
        let loaded = try BackboneLoader.load(entry, classes: 5)
        #expect(loaded.backbone.classes == 5)
        #expect(loaded.report.reinitialized.map(\.key) == ["2.weight", "2.bias"])
        #expect(loaded.report.loaded == ["0.weight", "0.bias"])
    }

    @Test func huggingFaceDirectoryWithOnlyPickleWeightsExplainsTheConversion() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"model_type": "bert", "vocab_size": 10, "hidden_size": 4, "num_hidden_layers": 1, "num_attention_heads": 1, "intermediate_size": 8, "max_position_embeddings": 16, "type_vocab_size": 2}"#.utf8)
            .write(to: dir.appendingPathComponent("config.json"))
        try Data([0x80, 0x02]).write(to: dir.appendingPathComponent("pytorch_model.bin"))
        #expect(throws: (any Error).self) { try BackboneZoo.entry(at: dir, origin: .explicit) }
        do { _ = try BackboneZoo.entry(at: dir, origin: .explicit) } catch {
            #expect("\(error)".contains("convert it"))
        }
    }
}
