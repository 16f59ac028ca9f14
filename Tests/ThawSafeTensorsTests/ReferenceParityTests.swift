import Foundation
import Testing
import ThawSafeTensors

/// QUALITY.md G2: Thaw reaches the reference implementation's verdict on every fixture and reads
/// identical bytes, except the stricter cases listed (with reasons) in reference_verdicts.json.
/// The verdicts are recorded by Tests/Fixtures/safetensors/record_reference.py.
@Suite struct ReferenceParityTests {
    struct Verdict: Sendable, CustomTestStringConvertible {
        let file: String
        let accepted: Bool
        /// name → (dtype, shape, sha256), for accepted files.
        let tensors: [String: Tensor]
        let metadata: [String: String]
        /// The rule Thaw must report instead, for documented stricter cases.
        let stricterRule: String?
        var testDescription: String { file }

        struct Tensor: Sendable, Equatable {
            let dtype: String
            let shape: [Int]
            let sha256: String
        }
    }

    static func verdicts() -> [Verdict] {
        let root = FixtureSupport.json("reference_verdicts.json")
        let files = root["files"] as? [String: [String: Any]] ?? [:]
        let stricter = root["thaw_stricter"] as? [String: [String: Any]] ?? [:]
        return files.map { file, record in
            let tensors = (record["tensors"] as? [String: [String: Any]] ?? [:]).mapValues { info in
                Verdict.Tensor(dtype: info["dtype"] as? String ?? "", shape: info["shape"] as? [Int] ?? [-1],
                               sha256: info["sha256"] as? String ?? "")
            }
            return Verdict(file: file, accepted: record["accepted"] as? Bool ?? false, tensors: tensors,
                           metadata: record["metadata"] as? [String: String] ?? [:],
                           stricterRule: stricter[file]?["rule"] as? String)
        }.sorted { $0.file < $1.file }
    }

    @Test func verdictsCoverTheCorpus() throws {
        let recorded = Set(Self.verdicts().map(\.file))
        let fileManager = FileManager.default
        var onDisk: Set<String> = []
        for folder in ["malformed", "valid"] {
            for name in try fileManager.contentsOfDirectory(atPath: FixtureSupport.url(folder).path) where !name.hasSuffix(".json") {
                onDisk.insert(folder + "/" + name)
            }
        }
        #expect(recorded == onDisk, "reference_verdicts.json is stale; rerun record_reference.py")
        #expect(Self.verdicts().contains { $0.accepted && $0.stricterRule == nil }, "no accepted file to compare bytes on")
    }

    @Test(arguments: verdicts())
    func matchesTheReference(_ verdict: Verdict) throws {
        let url = FixtureSupport.url(verdict.file)
        let result: Result<SafeTensorsFile, SafeTensorsError>
        do { result = .success(try SafeTensorsFile(contentsOf: url)) } catch { result = .failure(error) }

        switch (verdict.accepted, verdict.stricterRule, result) {
        case (false, _, .failure):
            break
        case (false, _, .success):
            Issue.record("the reference rejects \(verdict.file) but Thaw accepts it")
        case (true, let rule?, .failure(let error)):
            #expect(error.rule.rawValue == rule, "documented stricter case refused with another rule: \(error)")
        case (true, _?, .success):
            Issue.record("\(verdict.file) is listed as stricter but Thaw accepts it; update record_reference.py")
        case (true, nil, .failure(let error)):
            Issue.record("the reference accepts \(verdict.file) but Thaw rejects it: \(error)")
        case (true, nil, .success(let file)):
            #expect(file.metadata == verdict.metadata)
            #expect(Set(file.tensors.map(\.name)) == Set(verdict.tensors.keys))
            for tensor in file.tensors {
                let hash = SHA256.hex(try file.rawBytes(tensor.name))
                let thaw = Verdict.Tensor(dtype: tensor.dtype.rawValue, shape: tensor.shape, sha256: hash)
                #expect(thaw == verdict.tensors[tensor.name], "tensor \(tensor.name)")
            }
        }
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(twoBlocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
