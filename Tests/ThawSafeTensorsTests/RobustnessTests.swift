import Foundation
import Testing
import ThawSafeTensors

/// A cheap, deterministic stand-in for fuzzing in the unit suite (the libFuzzer target of G3
/// runs separately): truncations and byte mutations of valid files must end in either a
/// SafeTensorsError or a file whose every accessor works. A trap would crash the test process.
@Suite struct RobustnessTests {
    /// SplitMix64, local to the test so that runs are reproducible without global state.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = ["all_dtypes_unaligned", "zero_size_tensors", "escaped_names", "writer_golden"]

    /// Parses `bytes`; if accepted, reads every tensor every way, which must not trap.
    private func exercise(_ bytes: [UInt8]) -> Bool {
        do {
            let file = try SafeTensorsFile(bytes: bytes, name: "mutant")
            for tensor in file.tensors {
                let raw = try file.rawBytes(tensor.name)
                #expect(raw.count == tensor.dataRange.count)
                #expect(try file.floats(tensor.name).count * tensor.dtype.byteSize == raw.count)
                _ = try? file.integers(tensor.name)
            }
            return true
        } catch {
            #expect(!error.description.contains("\n"))
            return false
        }
    }

    @Test(arguments: seeds)
    func everyTruncationIsHandled(_ seed: String) throws {
        let bytes = try FixtureSupport.bytes("valid/\(seed).safetensors")
        for length in 0..<bytes.count {
            // Losing bytes always breaks the exact-coverage rule, except for an empty data buffer.
            let accepted = exercise(Array(bytes.prefix(length)))
            #expect(!accepted, "a truncation to \(length) bytes was accepted")
        }
        #expect(exercise(bytes))
    }

    @Test(arguments: seeds)
    func randomMutationsAreHandled(_ seed: String) throws {
        let original = try FixtureSupport.bytes("valid/\(seed).safetensors")
        var generator = SeededGenerator(state: UInt64(seed.utf8.count) &* 7919)
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                case 2: bytes[position] = Array("{}[]\",:0123456789-.e\\u".utf8).randomElement(using: &generator)!
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
            }
            _ = exercise(bytes)
        }
    }
}
