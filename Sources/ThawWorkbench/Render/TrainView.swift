import ThawTUI
import ThawTrainingAPI

/// Screen 5, the monitor: progress, loss and accuracy charts, learning rate per group and
/// the per-layer gradient-norm strip.
enum TrainView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let history = state.training.history
        let lowerHeight = Swift.min(Swift.max(3, learningRateGroups(history).count + 2), 6)
        let logHeight = area.height >= 30 ? 4 : (area.height >= 20 ? 2 : 0)
        let rows = area.split(.vertical, [.fixed(1), .fixed(1), .fill(1), .fixed(lowerHeight), .fixed(logHeight)])
        progress(view, in: rows[0], into: &buffer)
        stats(view, in: rows[1], into: &buffer)
        let charts = rows[2].split(.horizontal, [.fill(3), .fill(2)])
        TrainCharts.loss(view, in: charts[0], into: &buffer)
        TrainCharts.accuracy(view, in: charts[1], into: &buffer)
        let lower = rows[3].split(.horizontal, [.fill(1), .fill(1)])
        rates(view, in: lower[0], into: &buffer)
        GradientStrip.render(view, in: lower[1], into: &buffer)
        logs(view, in: rows[4], into: &buffer)
        if !state.training.isActive, history.stepsSeen == 0, state.training.state == .idle {
            idleNotice(view, in: rows[2], into: &buffer)
        }
    }

    static func progress(_ view: ViewContext, in row: Rect, into buffer: inout Buffer) {
        let state = view.state
        let step = state.training.history.lastStep?.step ?? 0
        let total = state.totalSteps
        let epochs = state.training.launchedConfig?.training.epochs ?? state.config.training.epochs
        let epoch = Swift.min(epochs, (state.training.history.lastStep?.epoch ?? 0) + 1)
        let label = "step \(step)/\(total)  epoch \(epoch)/\(epochs)  \(ProgressBar.percentLabel(Double(step) / Double(total)))"
        let role: ThemeRole = state.training.isPaused ? .warning : (state.training.state == .finished ? .success : .primary)
        ProgressBar(fraction: Double(step) / Double(total), label: label, role: role)
            .render(in: row.inset(by: Margin(horizontal: 1, vertical: 0)), into: &buffer, theme: view.theme)
    }

    static func stats(_ view: ViewContext, in row: Rect, into buffer: inout Buffer) {
        let state = view.state
        let history = state.training.history
        let dot = Span("  \(view.symbols.dot)  ", role: .muted)
        var spans = [Span(" "), Chrome.runBadge(state)]
        if let loss = history.smoothedLoss.lastY { spans += [dot, Span("loss ", role: .muted), Span(Format.fixed(loss), style: Style(flags: .bold))] }
        if let accuracy = history.epochs.last?.validationAccuracy {
            spans += [dot, Span("val acc ", role: .muted), Span(Format.percent(accuracy), role: .success, flags: .bold)]
        }
        if history.samplesPerSecond > 0 {
            spans += [dot, Span(Format.number((history.samplesPerSecond).rounded()) + " samples/s", role: .accent)]
        }
        if let last = history.lastStep, last.step > 0 {
            spans += [dot, Span("elapsed ", role: .muted), Span(Format.duration(last.elapsed))]
            if state.training.isRunning {
                let remaining = last.elapsed / Double(last.step) * Double(Swift.max(0, state.totalSteps - last.step))
                spans += [dot, Span("ETA ", role: .muted), Span(Format.duration(remaining))]
            }
        }
        if let usage = state.resources {
            spans += [dot, Span("cpu \(Int(usage.cpuPercent.rounded()))%  mem \(Int(usage.residentMB.rounded())) MB", role: .muted)]
        }
        if let directory = state.training.runDirectory { spans += [dot, Span(directory, role: .muted)] }
        buffer.set(spans: TextLayout.truncate(spans, to: row.width, ellipsis: view.glyphs.ellipsis), at: Point(x: row.x, y: row.y), clip: row)
    }

    static func learningRateGroups(_ history: MetricHistory) -> [String] {
        history.learningRates.keys.sorted { a, b in a == "rest" ? false : (b == "rest" ? true : a < b) }
    }

    static func rates(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let history = view.state.training.history
        let block = Block(title: "Learning rate per group")
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area).inset(by: Margin(horizontal: 1, vertical: 0))
        let groups = learningRateGroups(history)
        guard !groups.isEmpty else {
            buffer.set(string: "rates appear with the first step", x: inner.x, y: inner.y, style: Style(fg: .muted), clip: inner)
            return
        }
        let shared = groups.flatMap { history.learningRates[$0]?.recent ?? [] }.filter(\.isFinite)
        let range = (shared.min() ?? 0)...(Swift.max(shared.max() ?? 1, (shared.min() ?? 0) + 1e-12))
        for (index, group) in groups.enumerated() where index < inner.height {
            let row = inner.row(index)
            let values = Array(history.learningRates[group]?.recent ?? [])
            let current = values.last.map(Format.number) ?? "-"
            buffer.set(string: TextLayout.truncate(group, to: 9, ellipsis: view.glyphs.ellipsis), x: row.x, y: row.y, style: Style(fg: .muted))
            let valueWidth = 9
            buffer.set(string: current, x: row.right - CharWidth.width(of: current), y: row.y, style: Style(fg: .foreground))
            let spark = Rect(x: row.x + 10, y: row.y, width: row.width - 10 - valueWidth - 1, height: 1)
            Sparkline(values: values, range: range, role: ThemeRole.chartSeries(index)).render(in: spark, into: &buffer, theme: view.theme)
        }
    }

    static func logs(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let lines = view.state.training.logs.suffix(area.height).map { Line([Span(" " + $0, role: .muted)]) }
        buffer.lines(Array(lines), in: area, theme: view.theme)
    }

    static func idleNotice(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let config = state.config
        let text = config.data.train.isEmpty
            ? "No run yet. Choose the training data on screen 2, then press s to train."
            : "No run yet. s trains \(config.backbone.name ?? "an MLP from scratch") on \(config.data.train) for \(config.training.epochs) epochs."
        let width = Swift.min(area.width - 4, CharWidth.width(of: text) + 4)
        let box = area.centered(width: width, height: 3)
        buffer.fill(box, style: Style(fg: .foreground, bg: .surface))
        buffer.render(Paragraph([Line([Span(text, role: .accent)], alignment: .center)]), in: box.inset(by: Margin(horizontal: 2, vertical: 1)),
                      theme: view.theme)
    }
}
