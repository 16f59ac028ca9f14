import Foundation
import Testing
import ThawModels
import ThawNN
import ThawTensor
import ThawTestSupport

@Suite("thaw inspect")
struct InspectCommandTests {
    static let malformed: [String] = {
        let directory = ThawBinary.fixtures.appendingPathComponent("safetensors/malformed")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasSuffix(".json") }.sorted()
    }()

    @Test func corpusIsThere() { #expect(Self.malformed.count >= 30) }

    @Test(arguments: malformed)
    func malformedFileExitsWithOneLine(_ name: String) throws {
        let path = ThawBinary.fixtures.appendingPathComponent("safetensors/malformed/\(name)").path
        let run = try ThawBinary.run(["inspect", path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(path), "\(run.stderr)")
    }

    @Test func cardShowsTreeAndLoadReport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thaw-inspect-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SeededGenerator(seed: 1)
        let model = MLPBackbone(sizes: [64, 32, 5], generator: &generator)
        try model.saveStateDict(to: directory.appendingPathComponent("tiny.safetensors"))
        let card = BackboneCard(name: "tiny", architecture: ArchitectureSpec(kind: .mlp, mlp: MLPSpec(sizes: [64, 32, 5])),
                                input: InputSpec(kind: .tabular, shape: [64]),
                                source: SourceTask(task: "digits 0–4", classes: ["0", "1", "2", "3", "4"]), head: ["2"])
        try JSONEncoder().encode(card).write(to: directory.appendingPathComponent("tiny.json"))

        let run = try ThawBinary.run(["inspect", directory.appendingPathComponent("tiny.json").path, "--classes", "10"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("MLP(64→32→10) — 2,410 parameters"))
        #expect(run.stdout.contains("head: 2 → 10 classes; features: 32"))
        #expect(run.stdout.contains("Linear(in: 64, out: 32)") && run.stdout.contains("weight [32, 64]"))
        #expect(run.stdout.contains("loaded 2 tensors"))
        #expect(run.stdout.contains("re-initialised 2.weight: [5, 32] → [10, 32]"))

        try Data("{\"format\": \"thaw-backbone/1\", \"nmae\": 1}".utf8).write(to: directory.appendingPathComponent("tiny.json"))
        let broken = try ThawBinary.run(["inspect", directory.appendingPathComponent("tiny.json").path])
        #expect(broken.status == 1 && broken.stderr.contains("nmae: unknown key; did you mean \"name\"?") || broken.stderr.contains("missing required key"))
    }
}
