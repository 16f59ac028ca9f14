/// Everything read so far for one run: a bounded series per tag. The readers of every
/// format write into it; the UI and `--once` only ever see copies of it.
public struct RunData: Equatable, Sendable {
    /// More tags than this in one run are ignored (and counted): per-layer summaries of a
    /// large model could otherwise take memory without bound.
    public static let maximumTags = 2000

    public let pointsPerTag: Int
    public private(set) var tags: [String: TagSeries] = [:]
    /// Tags not stored because the run already had `maximumTags`.
    public private(set) var ignoredTags: Set<String> = []
    /// Restart detection of TensorBoard runs spans all the event files of a run.
    var tensorBoard = TensorBoardRunState()

    public init(pointsPerTag: Int = TagSeries.defaultCapacity) {
        self.pointsPerTag = pointsPerTag
    }

    /// Tag names in display order.
    public var tagNames: [String] { tags.keys.sorted() }

    /// Points read over all tags.
    public var pointCount: Int { tags.values.reduce(0) { $0 + $1.count } }

    public mutating func append(tag: String, step: Double, value: Double) {
        if tags[tag] == nil {
            guard tags.count < Self.maximumTags else {
                if ignoredTags.count < Self.maximumTags { ignoredTags.insert(tag) }
                return
            }
            tags[tag] = TagSeries(capacity: pointsPerTag)
        }
        tags[tag]!.append(ScalarPoint(step: step, value: value))
    }

    /// Drops the points at `step` or later, of the given tags or of all (see `TagSeries`).
    public mutating func removePoints(fromStep step: Double, tags only: [String]? = nil) {
        for tag in only ?? Array(tags.keys) where tags[tag] != nil {
            tags[tag]!.removePoints(fromStep: step)
        }
    }
}
