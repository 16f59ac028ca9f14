import Foundation
import ThawModels
import ThawTraining
import ThawTrainingAPI

/// The experiment the workbench opens on: the file given, else the sample experiment, else
/// a built-in one on the first backbone of the zoo with no data chosen yet.
struct StartupExperiment {
    let config: RunConfig
    let path: String?
    /// Where relative paths in the experiment resolve.
    let baseDirectory: URL

    /// Where the experiment's own backbone lives when it is given by path (or with extra
    /// search directories), so the zoo shows it and the Layers screen can read its tree.
    var backboneDirectories: [URL] {
        var result = config.backbone.directories.map { URL(fileURLWithPath: ExperimentData.resolve($0, base: baseDirectory)) }
        if let path = config.backbone.path {
            let url = URL(fileURLWithPath: ExperimentData.resolve(path, base: baseDirectory))
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                // A Hugging Face directory is found by listing its parent.
                result.append(url.deletingLastPathComponent())
            }
        }
        return result
    }

    static func load(_ argument: String?, zoo: ZooCatalog) throws -> StartupExperiment {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let argument {
            let url = URL(fileURLWithPath: argument)
            return StartupExperiment(config: try ExperimentFile.load(url).config, path: argument, baseDirectory: url.deletingLastPathComponent())
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        if let sample = BackboneZoo.sampleDataDirectory(workingDirectory: cwd, executable: executable) {
            let url = sample.appendingPathComponent("experiments/default.yaml")
            if FileManager.default.fileExists(atPath: url.path) {
                return StartupExperiment(config: try ExperimentFile.load(url).config, path: url.path, baseDirectory: url.deletingLastPathComponent())
            }
        }
        let first = zoo.discover().entries.first?.card.name
        let config = RunConfig(name: "experiment", data: DataConfig(train: ""), backbone: BackboneConfig(name: first))
        return StartupExperiment(config: config, path: nil, baseDirectory: cwd)
    }
}

/// Finds a theme by name (or path): `Themes/` in the working directory or above the
/// executable, then `$XDG_CONFIG_HOME/thaw/themes`.
enum ThemeLocator {
    static func path(for name: String, environment: [String: String]) -> String? {
        if name.contains("/") || name.hasSuffix(".theme") { return name }
        var directories: [URL] = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Themes")]
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            directories.append(directory.appendingPathComponent("Themes"))
            directory = directory.deletingLastPathComponent()
        }
        let config = environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        directories.append(config.appendingPathComponent("thaw/themes"))
        return directories.map { $0.appendingPathComponent(name + ".theme").path }.first { FileManager.default.fileExists(atPath: $0) }
    }
}
