/// Why an experiment file was refused: one line with the file, the line number when known,
/// the key path, and what to do.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let path: String
    public let message: String

    public init(file: String, line: Int? = nil, path: String = "", message: String) {
        (self.file, self.line, self.path, self.message) = (file, line, path, message)
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
