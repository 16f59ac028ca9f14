import Foundation
import ThawThreads
import ThawTensor

/// The timed result of one workload, with the same fields `torch_bench.py` reports.
struct BenchResult: Codable {
    var workload: String
    var engine = "thaw"
    var threads: Int
    var samples_per_s: Double
    var samples_per_s_min: Double
    var samples_per_s_max: Double
    var step_ms_median: Double
    var step_ms_min: Double
    var peak_rss_mb: Double
    var batch: Int
    var warmup: Int
    var steps: Int
    var repeats: Int
    var blas_kernel: String
    var blas_kernel_source: String
    var chunk_samples_per_s: [Double]
}

enum BenchMeasurement {
    /// Warm-up steps, then `repeats` chunks of `steps` timed steps; samples/s is the median
    /// over chunks, as in the PyTorch script.
    static func run(_ workload: BenchWorkload, plan: BenchWorkload.Plan, threads: Int) throws -> BenchResult {
        try withComputeThreads(threads) {
            let step = try workload.prepare()
            var i = 0
            for _ in 0..<plan.warmup { try step(i); i += 1 }
            var stepTimes: [Double] = []
            var chunkRates: [Double] = []
            for _ in 0..<plan.repeats {
                var chunkSeconds = 0.0
                for _ in 0..<plan.steps {
                    let start = DispatchTime.now().uptimeNanoseconds
                    try step(i)
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    i += 1
                    chunkSeconds += seconds
                    stepTimes.append(seconds)
                }
                chunkRates.append(Double(workload.batch * plan.steps) / chunkSeconds)
            }
            let kernel = try? blasKernelInfo().get()
            return BenchResult(
                workload: workload.name, threads: threads,
                samples_per_s: median(chunkRates).rounded(places: 3),
                samples_per_s_min: (chunkRates.min() ?? 0).rounded(places: 3),
                samples_per_s_max: (chunkRates.max() ?? 0).rounded(places: 3),
                step_ms_median: (1000 * median(stepTimes)).rounded(places: 3),
                step_ms_min: (1000 * (stepTimes.min() ?? 0)).rounded(places: 3),
                peak_rss_mb: peakResidentMegabytes().rounded(places: 1),
                batch: workload.batch, warmup: plan.warmup, steps: plan.steps, repeats: plan.repeats,
                blas_kernel: kernel?.coreName ?? "unavailable",
                blas_kernel_source: kernel?.source.rawValue ?? "unavailable",
                chunk_samples_per_s: chunkRates.map { $0.rounded(places: 3) })
        }
    }

    /// Times the workload on a thread of its own, as `thaw train` and the workbench train on
    /// the engine's thread. The main thread allocates from glibc's main (brk) arena, where a
    /// step's large, short-lived buffers fragment around long-lived small blocks: measured on
    /// `cnn-28` with 2 threads, peak RSS reached 0.7–2 GB there against ~0.2 GB on a thread.
    static func runOnTrainingThread(_ workload: BenchWorkload, plan: BenchWorkload.Plan, threads: Int) throws -> BenchResult {
        let outcome = Locked<Result<BenchResult, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result = Result { try run(workload, plan: plan, threads: threads) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Peak resident set size of this process (`ru_maxrss` is in KiB on Linux).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension Double {
    func rounded(places: Int) -> Double {
        let scale = Foundation.pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
