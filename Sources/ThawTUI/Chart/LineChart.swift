import Foundation

/// One curve. `colorIndex` picks `chart_series_N` and belongs to the series, not its
/// position, so hiding one curve does not recolour the others.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public var colorIndex: Int

    public init(name: String, xs: [Double], ys: [Double], colorIndex: Int) {
        self.name = name
        self.xs = xs
        self.ys = Array(ys.prefix(xs.count))
        self.colorIndex = colorIndex
    }

    /// Values at steps 1, 2, 3, …
    public init(name: String, values: [Double], colorIndex: Int) {
        self.init(name: name, xs: values.indices.map { Double($0 + 1) }, ys: values, colorIndex: colorIndex)
    }

    public var role: ThemeRole { .chartSeries(colorIndex) }
}

/// What the x values mean, which decides tick steps and label format.
public enum ChartXAxis: Hashable, Sendable {
    case step
    /// x in epochs (fractional).
    case epoch
    /// x in seconds since the run started.
    case wallTime

    public var title: String {
        switch self {
        case .step: "step"
        case .epoch: "epoch"
        case .wallTime: "time"
        }
    }
}

public enum ChartYScale: Hashable, Sendable { case linear, log }

/// A vertical line at an x position with a short label, e.g. where layers were unfrozen.
public struct ChartMarker: Hashable, Sendable {
    public var x: Double
    public var label: String

    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// A multi-series line chart on a braille canvas: robust autoscale, optional log y,
/// debiased EMA smoothing with the raw curve drawn faint underneath, per-column min/max
/// downsampling for long series, NaN/Inf drawn as gaps, axes with fitting tick labels,
/// a legend and vertical markers.
public struct LineChart: Widget {
    public var series: [ChartSeries]
    public var xAxis: ChartXAxis
    public var yScale: ChartYScale
    /// EMA weight β in 0..<1; 0 draws the raw curves only.
    public var smoothing: Double
    /// Fixed y range (in data units); nil autoscales.
    public var yRange: ClosedRange<Double>?
    public var markers: [ChartMarker]
    public var showLegend: Bool

    public init(series: [ChartSeries], xAxis: ChartXAxis = .step, yScale: ChartYScale = .linear,
                smoothing: Double = 0, yRange: ClosedRange<Double>? = nil, markers: [ChartMarker] = [],
                showLegend: Bool = true) {
        self.series = series
        self.xAxis = xAxis
        self.yScale = yScale
        self.smoothing = smoothing
        self.yRange = yRange
        self.markers = markers
        self.showLegend = showLegend
    }

    /// y as plotted: log10 on a log axis, where non-positive values have no position and
    /// become gaps (NaN).
    func transform(_ y: Double) -> Double {
        guard yScale == .log else { return y }
        return y > 0 ? log10(y) : .nan
    }

    /// The x extent of all finite points, widened to a unit when degenerate.
    func xExtent() -> ClosedRange<Double> {
        let xs = series.flatMap(\.xs).filter(\.isFinite)
        guard let lo = xs.min(), let hi = xs.max() else { return 0...1 }
        return hi > lo ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }

    /// The plotted y extent (in transformed units).
    func yExtent() -> ClosedRange<Double> {
        if let fixed = yRange {
            let lo = transform(fixed.lowerBound), hi = transform(fixed.upperBound)
            if lo.isFinite, hi.isFinite, hi > lo { return lo...hi }
        }
        let values = series.flatMap { $0.ys.map(transform) }
        return ChartMath.robustRange(values) ?? 0...1
    }

    /// Number of values hidden on a log axis because they are ≤ 0; shown in the legend so
    /// a missing curve is explained.
    public var hiddenNonPositive: Int {
        guard yScale == .log else { return 0 }
        return series.reduce(0) { $0 + $1.ys.filter { $0.isFinite && $0 <= 0 }.count }
    }

    /// Label for an x tick.
    func xLabel(_ x: Double, step: Double) -> String {
        xAxis == .wallTime ? AxisTicks.formatDuration(x) : AxisTicks.format(x, step: step)
    }

    func xTicks(_ range: ClosedRange<Double>, target: Int) -> (ticks: [Double], step: Double) {
        switch xAxis {
        case .wallTime: return AxisTicks.time(range, target: target)
        case .step:
            let t = AxisTicks.linear(range, target: target)
            return t.step < 1 ? (t.ticks.filter { $0 == $0.rounded() }, 1) : t
        case .epoch: return AxisTicks.linear(range, target: target)
        }
    }

    func yTicks(_ range: ClosedRange<Double>, target: Int) -> [(value: Double, label: String)] {
        if yScale == .log { return AxisTicks.log(range, target: target).map { ($0, AxisTicks.formatLog($0)) } }
        let t = AxisTicks.linear(range, target: target)
        return t.ticks.map { ($0, AxisTicks.format($0, step: t.step)) }
    }
}
