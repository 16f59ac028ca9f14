import ArgumentParser
import Foundation
import ThawTensor

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the reference training workloads (samples/s), comparable with ../shared/bench/torch_bench.py."
    )

    @Flag(help: "Few steps (about a minute in all).")
    var quick = false

    @Flag(help: "One JSON object per workload and line, instead of a table.")
    var json = false

    @Option(help: "Threads for kernels (default: every core, as PyTorch).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Comma-separated workloads (default: all). Known: \(BenchWorkload.all.map(\.name).joined(separator: ", ")).")
    var workloads: String?

    @Option(help: "PyTorch results (torch_bench.py --json-out FILE) to print ratios against.")
    var baseline: String?

    @Option(help: .hidden)
    var child: String?

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        for name in selectedNames where BenchWorkload.named(name) == nil {
            throw ValidationError("unknown workload '\(name)'; known: \(BenchWorkload.all.map(\.name).joined(separator: ", "))")
        }
    }

    var selectedNames: [String] {
        workloads.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? BenchWorkload.all.map(\.name)
    }

    func run() throws {
        if let child, let workload = BenchWorkload.named(child) {
            // Child process: time one workload so its peak RSS is its own.
            let result = try BenchMeasurement.runOnTrainingThread(workload, plan: quick ? workload.quick : workload.full, threads: threads)
            print(try BenchReport.jsonLine(result))
            return
        }
        if case .failure(let error) = blasKernelInfo() { throw ValidationError(error.description) }
        let torch = try baseline.map(BenchReport.loadBaseline) ?? [:]
        var results: [BenchResult] = []
        var failed = false
        for name in selectedNames {
            do {
                let result = try runChild(name)
                results.append(result)
                if json { print(try BenchReport.jsonLine(result)) }
            } catch {
                FileHandle.standardError.write(Data("thaw bench: \(name): \(error)\n".utf8))
                failed = true
            }
        }
        if !json { print(BenchReport.table(results, baseline: torch)) }
        if failed { throw ExitCode(1) }
    }

    /// Runs one workload in a fresh copy of this executable.
    private func runChild(_ name: String) throws -> BenchResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["bench", "--child", name, "--threads", "\(threads)"] + (quick ? ["--quick"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = String(decoding: output, as: UTF8.self).split(separator: "\n").last else {
            throw BenchError("the workload process exited with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(BenchResult.self, from: Data(line.utf8))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
