import ThawTUI

/// How the Train screen draws the loss: the y scale, how much smoothing, and what x means.
/// Part of the workbench, not of a run, so a log axis chosen for one run stays for the next.
public struct TrainChartOptions: Equatable, Sendable {
    public var yScale: ChartYScale = .linear
    /// Index into `MetricHistory.smoothingChoices`; `nil` draws the raw curve only.
    public var smoothingIndex: Int? = MetricHistory.defaultSmoothingIndex
    public var xAxis: ChartXAxis = .step

    public init() {}

    /// The EMA weight in force, 0 for none.
    public var smoothing: Double { smoothingIndex.map { MetricHistory.smoothingChoices[$0] } ?? 0 }

    mutating func toggleYScale() { yScale = yScale == .linear ? .log : .linear }

    /// Weaker to stronger smoothing, then raw, then round again.
    mutating func cycleSmoothing() {
        let next = (smoothingIndex ?? -1) + 1
        smoothingIndex = next < MetricHistory.smoothingChoices.count ? next : nil
    }

    mutating func cycleXAxis() {
        xAxis = switch xAxis {
        case .step: .epoch
        case .epoch: .wallTime
        case .wallTime: .step
        }
    }

    /// What the status line says after a change.
    var description: String {
        let smoothingText = smoothingIndex == nil ? "raw" : "smoothing \(smoothing)"
        return "loss chart: \(yScale == .log ? "log" : "linear") y · \(smoothingText) · x by \(xAxis.title)"
    }
}
