import Foundation
import Testing
import ThawSafeTensors

/// QUALITY.md G5: pickle and ZIP checkpoints are refused by content, whatever their extension,
/// and their payload never runs.
@Suite struct PickleTests {
    static let marker = "/tmp/thaw-ace-marker"
    static let aceFixtures = [
        "ace_pickle_p2.pt", "ace_pickle_p5.pt", "ace_zip.bin", "ace_pickle_renamed.safetensors", "ace_zip_renamed.safetensors",
    ]
    static let hint = "pickle/ZIP checkpoints are not supported; convert to safetensors (python3 -c \"import torch; "
        + "from safetensors.torch import save_file; save_file(torch.load('IN', weights_only=True), 'OUT.safetensors')\")"

    @Test(arguments: aceFixtures)
    func refusedWithConversionHint(_ name: String) {
        let url = FixtureSupport.url("malformed/" + name)
        let error = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(contentsOf: url) }
        #expect(error?.rule == .pickleCheckpoint)
        #expect(error?.description.hasPrefix(url.path + ": " + Self.hint) == true, "\(String(describing: error))")
        #expect(FileManager.default.fileExists(atPath: Self.marker) == false,
                "\(Self.marker) exists: something executed the ACE payload")
    }

    @Test func shortMagicIsEnough() {
        for bytes: [UInt8] in [[0x80, 0x02], [0x80, 0x05, 0x95], Array("PK\u{03}\u{04}".utf8)] {
            let error = FixtureSupport.failure { () throws(SafeTensorsError) in try SafeTensorsFile(bytes: bytes, name: "p") }
            #expect(error?.rule == .pickleCheckpoint)
        }
        // Protocol 0/1 pickles have no magic; they fail as ordinary malformed files.
        let protocol1 = FixtureSupport.failure { () throws(SafeTensorsError) in
            try SafeTensorsFile(bytes: Array("(dp0\nS'a'\np1\nI1\ns.".utf8), name: "p")
        }
        #expect(protocol1?.rule == .headerTooLarge)
    }

    /// A 640-byte header has the length field 80 02 00 …, which starts like pickle protocol 2.
    @Test func safetensorsWithPickleLikeLengthFieldLoads() throws {
        let url = FixtureSupport.url("valid/header_640_bytes.safetensors")
        let bytes = try FixtureSupport.bytes("valid/header_640_bytes.safetensors")
        #expect(bytes.prefix(2) == [0x80, 0x02])
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(try file.floats("w") == [-1])
    }
}
