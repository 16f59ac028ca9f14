import ThawTUI
import ThawTrainingAPI

/// The monitor's two charts. Loss is plotted by step, epoch or time (train smoothed over raw,
/// validation at each epoch's last step; scale and smoothing from `TrainChartOptions`); accuracy by epoch, with a past run overlaid when chosen on the
/// Runs screen.
enum TrainCharts {
    static func loss(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let history = view.state.training.history
        let options = view.state.trainCharts
        let block = Block(title: "Loss")
        block.render(in: area, into: &buffer, theme: view.theme)
        let x = xMapping(view)
        func series(_ name: String, _ points: BoundedSeries, _ color: Int) -> ChartSeries {
            ChartSeries(name: name, xs: points.xs.map(x), ys: points.ys, colorIndex: color)
        }
        var lines: [ChartSeries] = []
        if !history.loss.isEmpty {
            lines.append(series(options.smoothingIndex == nil ? "train" : "raw", history.loss, options.smoothingIndex == nil ? 0 : 7))
        }
        if let index = options.smoothingIndex {
            if !history.loss.isEmpty { lines.append(series("train", history.smoothedLosses[index], 0)) }
            if !history.smoothedScratchLosses[index].isEmpty { lines.append(series("scratch", history.smoothedScratchLosses[index], 5)) }
        }
        let epochs = history.epochs
        let validation = epochs.filter { $0.validationLoss != nil }
        if !validation.isEmpty {
            lines.append(ChartSeries(name: "val", xs: validation.map { x(Double($0.step)) }, ys: validation.map { $0.validationLoss! }, colorIndex: 1))
        }
        let scratch = epochs.filter { $0.scratchValidationLoss != nil }
        if !scratch.isEmpty {
            lines.append(ChartSeries(name: "scratch val", xs: scratch.map { x(Double($0.step)) }, ys: scratch.map { $0.scratchValidationLoss! },
                                     colorIndex: 2))
        }
        let markers = thawMarkers(view).map { ChartMarker(x: x($0.x), label: $0.label) }
        LineChart(series: lines, xAxis: options.xAxis, yScale: options.yScale, markers: markers)
            .render(in: block.inner(area), into: &buffer, theme: view.theme)
    }

    /// Steps to the chosen x unit: epochs from the steps per epoch, seconds from the run's
    /// own clock (falls back to steps when the unit is not known yet).
    static func xMapping(_ view: ViewContext) -> (Double) -> Double {
        let state = view.state
        switch state.trainCharts.xAxis {
        case .step:
            return { $0 }
        case .epoch:
            guard let perEpoch = state.stepsPerEpoch, perEpoch > 0 else { return { $0 } }
            return { $0 / Double(perEpoch) }
        case .wallTime:
            let history = state.training.history
            return { history.elapsed(atStep: $0) ?? $0 }
        }
    }

    static func thawMarkers(_ view: ViewContext) -> [ChartMarker] {
        let state = view.state
        guard let config = state.training.launchedConfig, let perEpoch = state.stepsPerEpoch else { return [] }
        return SchedulePreview.thawMarkers(config, stepsPerEpoch: perEpoch)
            .filter { Double($0.step) <= Double(state.training.history.lastStep?.step ?? 0) }
            .map { ChartMarker(x: Double($0.step), label: $0.label) }
    }

    static func accuracy(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let epochs = state.training.history.epochs
        let block = Block(title: "Accuracy by epoch")
        block.render(in: area, into: &buffer, theme: view.theme)
        let x = epochs.map { Double($0.epoch + 1) }
        var series: [ChartSeries] = []
        if !epochs.isEmpty {
            series.append(ChartSeries(name: "train", xs: x, ys: epochs.map(\.trainAccuracy), colorIndex: 3))
        }
        let validation = epochs.filter { $0.validationAccuracy != nil }
        if !validation.isEmpty {
            series.append(ChartSeries(name: "val", xs: validation.map { Double($0.epoch + 1) }, ys: validation.map { $0.validationAccuracy! },
                                      colorIndex: 1))
        }
        let scratch = epochs.filter { $0.scratchValidationAccuracy != nil }
        if !scratch.isEmpty {
            series.append(ChartSeries(name: "scratch", xs: scratch.map { Double($0.epoch + 1) }, ys: scratch.map { $0.scratchValidationAccuracy! },
                                      colorIndex: 5))
        }
        if let overlay = state.runsUI.overlay, let run = state.runs.first(where: { $0.directory == overlay }), !run.validationCurve.isEmpty {
            series.append(ChartSeries(name: run.name, xs: run.validationCurve.indices.map { Double($0 + 1) }, ys: run.validationCurve,
                                      colorIndex: 4))
        }
        let inner = block.inner(area)
        if series.isEmpty {
            buffer.render(Paragraph([Line([Span("accuracy appears after the first epoch", role: .muted)])]),
                          in: inner.inset(by: Margin(horizontal: 1, vertical: 0)), theme: view.theme)
            return
        }
        LineChart(series: series, xAxis: .epoch, yRange: 0...1).render(in: inner, into: &buffer, theme: view.theme)
    }
}
