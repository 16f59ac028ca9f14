import Foundation
import ThawSafeTensors
import ThawTensor

/// A PyTorch-recorded case from `Tests/Fixtures/parity` (see its README for the contents).
public struct ParityFixture {
    public let name: String
    public let file: SafeTensorsFile

    /// Fixtures are read from the source tree, so the tests need no resource bundle.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/parity")

    public init(_ name: String) throws {
        self.name = name
        file = try SafeTensorsFile(contentsOf: Self.directory.appendingPathComponent("\(name).safetensors"))
    }

    public func tensor(_ key: String) throws -> Tensor {
        guard let info = file.info(key) else { throw FixtureError.missing(name, key) }
        return Tensor(shape: info.shape, scalars: try file.floats(key))
    }

    public func has(_ key: String) -> Bool { file.info(key) != nil }

    public func integers(_ key: String) throws -> [Int] {
        try file.integers(key).map { Int($0) }
    }

    public func metadata(_ key: String) throws -> String {
        guard let value = file.metadata[key] else { throw FixtureError.missing(name, "metadata \(key)") }
        return value
    }

    /// A "2,1" metadata pair.
    public func pair(_ key: String) throws -> (Int, Int) {
        let parts = try metadata(key).split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2 else { throw FixtureError.malformed(name, key) }
        return (parts[0], parts[1])
    }

    public func number(_ key: String) throws -> Float {
        guard let value = Float(try metadata(key)) else { throw FixtureError.malformed(name, key) }
        return value
    }
}

public enum FixtureError: Error, CustomStringConvertible {
    case missing(String, String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case let .missing(file, key): "fixture \(file) has no \(key)"
        case let .malformed(file, key): "fixture \(file) has a malformed \(key)"
        }
    }
}

/// Largest |a − b| / (1e-6 + |b|)… in the form the issue asks for: a relative tolerance with a
/// floor so values near zero compare absolutely.
public func maxRelativeDifference(_ actual: Tensor, _ expected: Tensor) -> Double {
    precondition(actual.shape == expected.shape, "shape \(actual.shape) vs expected \(expected.shape)")
    let a = actual.scalars, e = expected.scalars
    let scale = Double(e.map { Swift.abs($0) }.max() ?? 0)
    var worst = 0.0
    for i in a.indices {
        let diff = Swift.abs(Double(a[i]) - Double(e[i]))
        worst = Swift.max(worst, diff / Swift.max(Swift.abs(Double(e[i])), 1e-3 * Swift.max(scale, 1)))
    }
    return worst
}
