import Foundation
import ThawSafeTensors
import ThawTensor
import ThawTestSupport

/// Files written by `Tests/Fixtures/resnet/record_resnet_fixtures.py` (see its docstring).
enum ResNetFixtures {
    /// Read from the source tree, so the tests need no resource bundle.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/resnet")

    static func file(_ name: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(contentsOf: directory.appendingPathComponent("\(name).safetensors"))
    }

    /// One row of torchvision's state dict.
    struct KeyRow: Decodable, Equatable {
        let key: String
        let shape: [Int]
        let dtype: String
    }

    struct KeyTable: Decodable {
        let stateDict: [KeyRow]
        let modules: [String]

        enum CodingKeys: String, CodingKey {
            case stateDict = "state_dict"
            case modules
        }
    }

    /// `torchvision_resnet_keys.json`: "resnet18", "resnet34", "resnet50".
    static func torchvisionKeys() throws -> [String: KeyTable] {
        struct File: Decodable {
            let resnet18: KeyTable, resnet34: KeyTable, resnet50: KeyTable
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("torchvision_resnet_keys.json"))
        let file = try JSONDecoder().decode(File.self, from: data)
        return ["resnet18": file.resnet18, "resnet34": file.resnet34, "resnet50": file.resnet50]
    }
}

extension SafeTensorsFile {
    /// A stored tensor as float32 (int64 counters converted).
    func tensor(_ key: String) throws -> Tensor {
        guard let info = info(key) else { throw FixtureError.missing(name, key) }
        let scalars = info.dtype.isFloatingPoint ? try floats(key) : try integers(key).map(Float.init)
        return Tensor(shape: info.shape, scalars: scalars)
    }

    func meta(_ key: String) throws -> String {
        guard let value = metadata[key] else { throw FixtureError.missing(name, "metadata \(key)") }
        return value
    }

    func metaInt(_ key: String) throws -> Int {
        guard let value = Int(try meta(key)) else { throw FixtureError.malformed(name, key) }
        return value
    }
}
