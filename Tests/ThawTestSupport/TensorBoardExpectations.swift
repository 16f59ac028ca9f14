import Foundation
import ThawJSON

/// What TensorBoard's EventAccumulator read from the monitor fixtures
/// (`Tests/Fixtures/monitor/tensorboard-expected.json`, recorded by `record_tensorboard.py`),
/// by run directory and tag.
///
/// Read with Thaw's own JSON parser, which keeps each number's text: Foundation's
/// JSONSerialization reads 0.10000000149011612 as 0.10000000149011616 on Linux, and these
/// numbers are compared bit for bit.
public enum TensorBoardExpectations {
    public struct Point: Equatable, Sendable {
        public var step: Double
        public var value: Double
    }

    public struct Tag: Sendable {
        public var steps: [Double]
        /// NaN and ±∞ as Double values.
        public var values: [Double]
        public var count: Int
        public var last: Point
        /// First occurrences of the smallest and largest finite values.
        public var minimum: Point?
        public var maximum: Point?
    }

    public static let directory = ThawBinary.fixtures.appendingPathComponent("monitor/tensorboard")

    public static let runs: [String: [String: Tag]] = {
        let url = ThawBinary.fixtures.appendingPathComponent("monitor/tensorboard-expected.json")
        guard let data = try? Data(contentsOf: url), case .object(let runs)? = try? StrictJSONParser.parse([UInt8](data)[...]) else { return [:] }
        var out: [String: [String: Tag]] = [:]
        for run in runs {
            guard case .object(let tags) = run.value else { continue }
            for tag in tags {
                let t = tag.value
                out[run.key, default: [:]][tag.key] = Tag(
                    steps: list(member(t, "steps")).map(number), values: list(member(t, "values")).map(number),
                    count: Int(number(member(t, "count"))), last: point(member(t, "last")) ?? Point(step: .nan, value: .nan),
                    minimum: point(member(t, "min")), maximum: point(member(t, "max")))
            }
        }
        return out
    }()

    static func number(_ value: JSONValue?) -> Double {
        switch value {
        case .number(let n)?: Double(n.text) ?? .nan
        case .string(let s)?: s == "nan" ? .nan : (s == "inf" ? .infinity : -.infinity)
        default: .nan
        }
    }

    static func member(_ value: JSONValue?, _ key: String) -> JSONValue? {
        guard case .object(let members)? = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    static func list(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    static func point(_ value: JSONValue?) -> Point? {
        guard case .object? = value else { return nil }
        return Point(step: number(member(value, "step")), value: number(member(value, "value")))
    }
}
