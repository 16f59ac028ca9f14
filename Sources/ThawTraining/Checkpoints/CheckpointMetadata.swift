import ThawTrainingAPI

/// Everything besides tensors that a resumed run needs to continue exactly where it stopped.
struct CheckpointMetadata: Codable, Equatable {
    static let currentFormat = "thaw-checkpoint/1"

    var format = currentFormat
    var step: Int
    var position: LoaderPosition
    var schedule: LRSchedule
    var freezePlan: FreezePlan
    var groupScales: [String: Double]
    var optimizerSteps: [String: Int]
    /// Generator state of every Dropout layer, by module path.
    var generators: [String: [UInt64]]
    var epochLoss: Double
    var epochCorrect: Int
    var epochCount: Int
    /// The run's configuration as JSON, compared key by key on resume.
    var configuration: String
}

/// Why a checkpoint was not written or not used.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case nonFinite(file: String, key: String)
    case notACheckpoint(file: String, reason: String)
    case configurationDiffers(file: String, differences: [String])
    case modelDiffers(file: String, reason: String)
    case writeFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case let .nonFinite(file, key): "\(file): not written: \(key) holds NaN or infinite values"
        case let .notACheckpoint(file, reason): "\(file): not a Thaw checkpoint: \(reason)"
        case let .configurationDiffers(file, differences):
            "\(file): made with a different configuration: " + differences.joined(separator: "; ")
        case let .modelDiffers(file, reason): "\(file): does not match the model: \(reason)"
        case let .writeFailed(file, reason): "\(file): could not be written: \(reason)"
        }
    }
}
