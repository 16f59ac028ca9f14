import ArgumentParser
import Foundation
import ThawModels
import ThawTensor
import ThawTraining
import ThawTrainingAPI

struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank candidate backbones for a target dataset before training (LogME, LEEP, NCE, H-score).",
        discussion: """
        Each backbone's pooled features on a sample of the target data are scored; LEEP and NCE \
        also use the backbone's source-task predictions. The ranking is flagged uncertain when \
        the metrics disagree. Backbones that cannot read the data are listed as skipped, with why.
        """
    )

    @OptionGroup var input: DataFileOptions

    @Option(parsing: .upToNextOption, help: "Backbones to compare: cards, weights files with cards, Hugging Face directories, or zoo names.")
    var backbones: [String]

    @Option(help: "Keep only these classes, comma-separated (e.g. 5,6,7,8,9).")
    var classes: String?

    @Option(help: "Examples in the sample.")
    var limit = 1000

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 0

    func run() throws {
        do {
            let entries = try backbones.map(FeatureInputs.entry)
            let isText = entries.first?.card.input.kind == .text
            var config = try input.config(isText: isText)
            config.classes = classes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let screening = try BackboneScreening(entries: entries, data: config, seed: seed,
                                                  base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), limit: limit)
            var outcomes = screening.sample.skipped
            let ranking = try withComputeThreads(ProcessInfo.processInfo.activeProcessorCount) {
                try screening.run { outcome, _ in outcomes.append(outcome) }
            }
            print(RankTable.render(ranking, outcomes: outcomes, examples: screening.sample.examples, classes: screening.sample.classes))
            guard ranking != nil else { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("thaw rank: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

enum RankTable {
    /// The ranking as a table, then one line per backbone that was not scored and why.
    static func render(_ ranking: TransferabilityRanking?, outcomes: [BackboneTransferability], examples: Int, classes: Int) -> String {
        func f(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "-" }
        var lines = ["transferability on \(examples) examples, \(classes) classes (higher is better for every metric)"]
        if let ranking {
            var rows = [["rank", "backbone", "LogME", "LEEP", "NCE", "H-score"]]
            for row in ranking.rows.sorted(by: { $0.rank < $1.rank }) {
                rows.append(["\(row.rank)", row.backbone, f(row.logME), f(row.leep), f(row.nce), f(row.hScore)])
            }
            let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
            for row in rows {
                lines.append(row.enumerated().map { c, cell in
                    c == 1 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - cell.count) + cell
                }.joined(separator: "  "))
            }
            lines.append(ranking.isUncertain ? "uncertain: " + (ranking.reason ?? "the metrics disagree") : "the metrics agree on the order")
        } else {
            lines.append("no backbone could be scored")
        }
        for outcome in outcomes {
            switch outcome.outcome {
            case .scored: continue
            case .incompatible(let why): lines.append("skipped \(outcome.backbone): \(why)")
            case .failed(let why): lines.append("failed \(outcome.backbone): \(why)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
