import Foundation
import ThawSafeTensors
import ThawTensor

/// Why a state dict was not loaded or saved. Loading is all or nothing: nothing is assigned
/// unless every check passed.
public enum StateDictError: Error, CustomStringConvertible, Equatable {
    /// The file does not fit the model; the report lists every offending key with both shapes.
    case incompatible(file: String, report: LoadReport)
    case unreadable(file: String, key: String, reason: String)
    /// A tensor holds NaN or ±∞: never written, so a bad step cannot poison a checkpoint.
    case nonFinite(key: String, count: Int)
    case writeFailed(String)

    public var description: String {
        switch self {
        case let .incompatible(file, report):
            var problems: [String] = []
            if !report.missing.isEmpty { problems.append("missing \(report.missing.joined(separator: ", "))") }
            if !report.unexpected.isEmpty { problems.append("unexpected \(report.unexpected.joined(separator: ", "))") }
            for m in report.shapeMismatches { problems.append("\(m.key) is \(m.fileShape) in the file but \(m.modelShape) in the model") }
            return "\(file): does not match the model: " + problems.joined(separator: "; ")
        case let .unreadable(file, key, reason): return "\(file): tensor \(key): \(reason)"
        case let .nonFinite(key, count): return "refusing to save \(key): \(count) non-finite values (NaN or ±∞)"
        case let .writeFailed(reason): return reason
        }
    }
}

/// How a checkpoint's tensors are matched to a model.
public struct LoadOptions: Sendable {
    public var keyMap: KeyMap
    /// Module paths (e.g. `fc`, `classifier`) whose tensors may be missing or differ in shape:
    /// they keep their fresh initialisation and are reported as re-initialised.
    public var headPrefixes: [String]

    public init(keyMap: KeyMap = .identity, headPrefixes: [String] = []) {
        self.keyMap = keyMap
        self.headPrefixes = headPrefixes
    }

    func isHead(_ key: String) -> Bool {
        headPrefixes.contains { key == $0 || key.hasPrefix($0 + ".") }
    }
}

extension Module {
    /// Checks `file` against this model and, only if everything fits (allowing re-initialised
    /// heads), copies every tensor in. Throws `StateDictError.incompatible` otherwise.
    @discardableResult
    public func loadStateDict(from file: SafeTensorsFile, options: LoadOptions = LoadOptions()) throws -> LoadReport {
        let model = namedTensors()
        let modelKeys = Dictionary(model.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var fileKeys: [String: SafeTensorInfo] = [:]
        for info in file.tensors { fileKeys[options.keyMap(info.name)] = info }

        var report = LoadReport()
        var assignments: [(NamedTensor, SafeTensorInfo)] = []
        for tensor in model {
            guard let info = fileKeys[tensor.key] else {
                if options.isHead(tensor.key) {
                    report.reinitialized.append(.init(key: tensor.key, modelShape: tensor.parameter.shape, fileShape: []))
                } else {
                    report.missing.append(tensor.key)
                }
                continue
            }
            if info.shape != tensor.parameter.shape {
                let mismatch = LoadReport.ShapeMismatch(key: tensor.key, modelShape: tensor.parameter.shape, fileShape: info.shape)
                if options.isHead(tensor.key) { report.reinitialized.append(mismatch) } else { report.shapeMismatches.append(mismatch) }
                continue
            }
            assignments.append((tensor, info))
        }
        for key in fileKeys.keys.sorted() where modelKeys[key] == nil {
            if options.isHead(key) { report.droppedSourceHead.append(key) } else { report.unexpected.append(key) }
        }
        guard report.isComplete else { throw StateDictError.incompatible(file: file.name, report: report) }

        // Read everything before assigning anything, so a read failure leaves the model as it was.
        var values: [(Parameter, Tensor)] = []
        for (tensor, info) in assignments {
            do {
                let scalars = info.dtype.isFloatingPoint ? try file.floats(info.name) : try file.integers(info.name).map(Float.init)
                values.append((tensor.parameter, Tensor(shape: info.shape, scalars: scalars)))
            } catch {
                throw StateDictError.unreadable(file: file.name, key: info.name, reason: "\(error)")
            }
            report.loaded.append(tensor.key)
        }
        for (parameter, value) in values { parameter.assign(value) }
        return report
    }

    /// The state dict as a safetensors file image; refuses non-finite values.
    public func stateDictWriter(metadata: [String: String] = [:]) throws -> SafeTensorsWriter {
        var writer = SafeTensorsWriter(metadata: metadata)
        for tensor in namedTensors() {
            let scalars = tensor.parameter.value.scalars
            let bad = scalars.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
            if bad > 0 { throw StateDictError.nonFinite(key: tensor.key, count: bad) }
            do {
                switch tensor.storedType {
                case .float32: try writer.add(tensor.key, shape: tensor.parameter.shape, floats: scalars)
                case .int64: try writer.add(tensor.key, shape: tensor.parameter.shape, int64s: scalars.map { Int64($0) })
                }
            } catch {
                throw StateDictError.writeFailed("\(error)")
            }
        }
        return writer
    }

    /// Writes the state dict atomically (temporary file, fsync, rename).
    public func saveStateDict(to url: URL, metadata: [String: String] = [:]) throws {
        let writer = try stateDictWriter(metadata: metadata)
        do { try writer.write(to: url) } catch { throw StateDictError.writeFailed("\(error)") }
    }
}
