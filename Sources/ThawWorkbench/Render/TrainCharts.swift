import ThawTUI
import ThawTrainingAPI

/// The monitor's two charts. Loss is plotted by step (train smoothed over raw, validation at
/// each epoch's last step); accuracy by epoch, with a past run overlaid when chosen on the
/// Runs screen.
enum TrainCharts {
    static func loss(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let history = view.state.training.history
        let block = Block(title: "Loss")
        block.render(in: area, into: &buffer, theme: view.theme)
        var series: [ChartSeries] = []
        if !history.loss.isEmpty {
            series.append(ChartSeries(name: "raw", xs: history.loss.xs, ys: history.loss.ys, colorIndex: 7))
            series.append(ChartSeries(name: "train", xs: history.smoothedLoss.xs, ys: history.smoothedLoss.ys, colorIndex: 0))
        }
        if !history.smoothedScratchLoss.isEmpty {
            series.append(ChartSeries(name: "scratch", xs: history.smoothedScratchLoss.xs, ys: history.smoothedScratchLoss.ys, colorIndex: 5))
        }
        let epochs = history.epochs
        let validation = epochs.filter { $0.validationLoss != nil }
        if !validation.isEmpty {
            series.append(ChartSeries(name: "val", xs: validation.map { Double($0.step) }, ys: validation.map { $0.validationLoss! }, colorIndex: 1))
        }
        let scratch = epochs.filter { $0.scratchValidationLoss != nil }
        if !scratch.isEmpty {
            series.append(ChartSeries(name: "scratch val", xs: scratch.map { Double($0.step) }, ys: scratch.map { $0.scratchValidationLoss! },
                                      colorIndex: 2))
        }
        let markers = thawMarkers(view)
        LineChart(series: series, xAxis: .step, markers: markers).render(in: block.inner(area), into: &buffer, theme: view.theme)
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
