import ThawTUI
import ThawTrainingAPI

/// Screen 4: optimizer and schedule fields, the rate the run would follow (per group, with
/// unfreeze markers) and the LR finder's sweep.
enum ScheduleView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let columns = area.split(.horizontal, [.fixed(Swift.min(44, area.width * 2 / 5)), .fill(1)])
        let fieldsBlock = view.block("Optimizer and schedule", panel: 0)
        fieldsBlock.render(in: columns[0], into: &buffer, theme: view.theme)
        let fieldsArea = fieldsBlock.inner(columns[0]).inset(by: Margin(horizontal: 1, vertical: 0))
        let fields = ScheduleField.visible(for: state.config)
        let listArea = Rect(x: fieldsArea.x, y: fieldsArea.y, width: fieldsArea.width, height: Swift.min(fields.count, fieldsArea.height))
        for (index, field) in fields.enumerated() where index < listArea.height {
            renderField(field, selected: index == state.schedule.cursor, view, row: listArea.row(index), into: &buffer)
        }
        let notes = Rect(x: fieldsArea.x, y: listArea.bottom + 1, width: fieldsArea.width, height: fieldsArea.bottom - listArea.bottom - 1)
        buffer.lines(stepNotes(view), in: notes, theme: view.theme, wrap: true)

        let right = columns[1].split(.vertical, [.fill(3), .fill(2)])
        previewChart(view, in: right[0], into: &buffer)
        finderPanel(view, in: right[1], into: &buffer)
    }

    static func renderField(_ field: ScheduleField, selected: Bool, _ view: ViewContext, row: Rect, into buffer: inout Buffer) {
        let state = view.state
        let labelWidth = 18
        buffer.set(string: field.label, x: row.x, y: row.y, style: Style(fg: .muted), clip: row)
        let valueRect = Rect(x: row.x + labelWidth, y: row.y, width: row.width - labelWidth, height: 1)
        if state.editing == .scheduleField(field) {
            TextInput(state: state.input).render(in: valueRect, into: &buffer, theme: view.theme)
            return
        }
        let text = (selected ? view.glyphs.arrowLeft + " " : "  ") + field.value(in: state.config) + (selected ? " " + view.glyphs.arrowRight : "")
        buffer.set(string: selected && !view.glyphs.isUnicode ? "< \(field.value(in: state.config)) >" : text,
                   x: valueRect.x, y: row.y, style: Style(fg: .foreground, flags: selected ? .bold : []), clip: valueRect)
        if selected && state.focus == 0 { buffer.setStyle(Style(fg: .selectionText, bg: .selection), in: row) }
    }

    static func stepNotes(_ view: ViewContext) -> [Line] {
        let state = view.state
        var lines: [Line] = []
        if let perEpoch = state.stepsPerEpoch {
            lines.append(Line([Span("\(perEpoch) steps/epoch, \(state.totalSteps) in all", role: .muted)]))
        } else {
            lines.append(Line([Span("steps unknown until the data is read; the preview assumes 100 per epoch", role: .muted)]))
        }
        if let problem = state.config.schedule.schedule(lr: state.config.optimizer.lr, totalSteps: state.totalSteps).validationProblem() {
            lines.append(Line([Span(problem, role: .error)]))
        }
        if state.training.isActive { lines.append(Line([Span("rate and schedule changes apply to the running run", role: .accent)])) }
        return lines
    }

    static func previewChart(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let block = Block(title: "Learning rate over the run")
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area)
        let curves = SchedulePreview.curves(state.config, totalSteps: state.totalSteps, samples: Swift.max(2, inner.width * 2))
        let series = curves.enumerated().map { index, curve in
            ChartSeries(name: index == 0 ? "base" : "\(curve.name) \(view.symbols.times)\(Format.number(curve.scale))",
                        xs: curve.steps, ys: curve.rates, colorIndex: index)
        }
        let markers = SchedulePreview.thawMarkers(state.config, stepsPerEpoch: state.stepsPerEpoch ?? 100)
            .map { ChartMarker(x: Double($0.step), label: $0.label) }
        // Rates start at 0 on purpose: a warm-up from 0 and a flat schedule both read right.
        let top = curves.flatMap(\.rates).filter(\.isFinite).max() ?? 1
        LineChart(series: series, xAxis: .step, yRange: 0...Swift.max(top * 1.1, 1e-12), markers: markers)
            .render(in: inner, into: &buffer, theme: view.theme)
    }

    static func finderPanel(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let block = view.block("LR finder", panel: 1, trailing: state.schedule.finderRunning ? "sweeping" : nil)
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area)
        guard let curve = state.schedule.finderCurve, !curve.rates.isEmpty else {
            let text = state.schedule.finderRunning ? "Training a few batches with a rising rate..."
                : "f sweeps the learning rate from 1e-7 upwards on the first batches (the model is restored after) and suggests one."
            buffer.render(Paragraph([Line([Span(text, role: .muted)])]), in: inner.inset(by: Margin(horizontal: 1, vertical: 0)), theme: view.theme)
            return
        }
        let parts = inner.split(.vertical, [.fill(1), .fixed(1)])
        func index(of rate: Double?) -> Double? {
            guard let rate else { return nil }
            return curve.rates.indices.min { abs(curve.rates[$0] - rate) < abs(curve.rates[$1] - rate) }.map { Double($0) }
        }
        var markers: [ChartMarker] = []
        if let i = index(of: curve.valley) { markers.append(ChartMarker(x: i, label: "valley")) }
        let losses = ChartSeries(name: "loss vs rate (" + Format.number(curve.rates.first ?? 0) + " " + view.symbols.arrow + " "
                                 + Format.number(curve.rates.last ?? 0) + ", log)", xs: curve.rates.indices.map(Double.init),
                                 ys: curve.losses, colorIndex: 1)
        LineChart(series: [losses], xAxis: .step, markers: markers).render(in: parts[0], into: &buffer, theme: view.theme)
        let spans = [Span(" valley ", role: .muted), Span(curve.valley.map(Format.number) ?? "-", role: .success, flags: .bold),
                     Span(" (a uses it)  steepest ", role: .muted), Span(curve.steepest.map(Format.number) ?? "-"),
                     Span("  min/10 ", role: .muted), Span(curve.minimum.map(Format.number) ?? "-")]
        buffer.set(spans: TextLayout.truncate(spans, to: parts[1].width, ellipsis: view.glyphs.ellipsis), at: Point(x: parts[1].x, y: parts[1].y), clip: parts[1])
    }
}
