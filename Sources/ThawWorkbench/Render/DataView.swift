import ThawTUI
import ThawTrainingAPI

/// Screen 2: the target data — file, split, few-shot N — and its class balance.
enum DataView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let parts = area.split(.horizontal, [.fill(3), .fill(2)])
        let formBlock = view.block("Target data", panel: 0)
        formBlock.render(in: parts[0], into: &buffer, theme: view.theme)
        let form = formBlock.inner(parts[0]).inset(by: Margin(horizontal: 1, vertical: 0))
        let fields = form.split(.vertical, [.fixed(DataField.allCases.count), .fixed(1), .fill(1)])
        for field in DataField.allCases {
            renderField(field, view, row: fields[0].row(field.rawValue), into: &buffer)
        }
        buffer.lines(summary(view), in: fields[2], theme: view.theme)

        let counts = view.state.dataset?.trainCounts ?? []
        let classBlock = view.block("Training split", panel: 1, trailing: counts.isEmpty ? nil : "\(counts.count) classes")
        classBlock.render(in: parts[1], into: &buffer, theme: view.theme)
        classBars(view, in: classBlock.inner(parts[1]).inset(by: Margin(horizontal: 1, vertical: 0)), into: &buffer)
    }

    static func renderField(_ field: DataField, _ view: ViewContext, row: Rect, into buffer: inout Buffer) {
        let state = view.state
        let labelWidth = 16
        let selected = state.data.cursor == field.rawValue && state.focus == 0
        buffer.set(string: field.shortLabel, x: row.x, y: row.y, style: Style(fg: .muted), clip: row)
        let valueRect = Rect(x: row.x + labelWidth, y: row.y, width: row.width - labelWidth, height: 1)
        let editing = (field == .path && state.editing == .dataPath) || (field == .fewShot && state.editing == .fewShot)
        if editing {
            TextInput(state: state.input, placeholder: field == .path ? "path to a CSV or IDX file" : "empty = all").render(in: valueRect, into: &buffer, theme: view.theme)
            return
        }
        let value: String = switch field {
        case .path: state.config.data.train.isEmpty ? "(none: Enter to type a path)" : state.config.data.train
        case .validation: Format.percent(state.config.data.split.validation)
        case .test: state.config.data.test == nil ? Format.percent(state.config.data.split.test) : "separate file"
        case .fewShot: state.config.data.fewShot.map { "\($0) per class" } ?? "off"
        }
        buffer.set(string: value, x: valueRect.x, y: row.y, style: Style(fg: .foreground, flags: selected ? .bold : []), clip: valueRect)
        if selected { buffer.setStyle(Style(fg: .selectionText, bg: .selection), in: row) }
    }

    static func summary(_ view: ViewContext) -> [Line] {
        let state = view.state
        func row(_ key: String, _ value: String, _ role: ThemeRole = .foreground) -> Line {
            Line([Span(key.padding(16), role: .muted), Span(value, role: role)])
        }
        if state.datasetLoading { return [Line([Span("reading the data...", role: .accent)])] }
        if let error = state.datasetError { return [Line([Span("cannot use this file", role: .error, flags: .bold)]), Line([Span(error, role: .error)])] }
        guard let d = state.dataset else {
            return [Line([Span("No data loaded. Choose the file on the first row (Enter), e.g. a CSV of label,feature,...", role: .muted)])]
        }
        var lines = [row("format", d.format), row("example shape", d.shape.map(String.init).joined(separator: view.symbols.times)),
                     row("examples", "\(d.examples)"),
                     row("train/val/test", "\(d.trainCounts.reduce(0, +)) / \(d.validationCount) / \(d.testCount)")]
        if let examples = state.trainingExamples, let perEpoch = state.stepsPerEpoch {
            lines.append(row("per epoch", "\(examples) examples, \(perEpoch) steps of \(state.config.training.batchSize)", .accent))
            lines.append(row("whole run", "\(state.totalSteps) steps"))
        }
        if let backbone = state.selectedBackbone, backbone.sourceClasses.count != d.classes.count {
            lines.append(row("head", "\(backbone.sourceClasses.count) \(view.symbols.arrow) \(d.classes.count) classes (re-initialised)", .warning))
        }
        return lines
    }

    /// One bar per class, scaled to the largest; few-shot caps show as "n of m".
    static func classBars(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        guard let d = state.dataset, !d.trainCounts.isEmpty, !area.isEmpty else {
            buffer.render(Paragraph([Line([Span("Class counts appear once the data is read.", role: .muted)])]), in: area, theme: view.theme)
            return
        }
        let maximum = Swift.max(1, d.trainCounts.max() ?? 1)
        let nameWidth = Swift.min(16, Swift.max(5, d.classes.map { CharWidth.width(of: $0) }.max() ?? 5))
        let first = Swift.max(0, Swift.min(state.data.classScroll, d.trainCounts.count - area.height))
        for (row, index) in (first..<d.trainCounts.count).prefix(area.height).enumerated() {
            let y = area.y + row
            let count = d.trainCounts[index]
            let used = state.config.data.fewShot.map { Swift.min($0, count) } ?? count
            let name = index < d.classes.count ? d.classes[index] : "#\(index)"
            buffer.set(string: TextLayout.truncate(name, to: nameWidth, ellipsis: view.glyphs.ellipsis), x: area.x, y: y)
            let text = used == count ? "\(count)" : "\(used) of \(count)"
            let widest = CharWidth.width(of: state.config.data.fewShot == nil ? "\(maximum)" : "\(maximum) of \(maximum)")
            let label = String(repeating: " ", count: Swift.max(0, widest - CharWidth.width(of: text))) + text
            let bar = Rect(x: area.x + nameWidth + 1, y: y, width: area.width - nameWidth - 1, height: 1)
            ProgressBar(fraction: Double(used) / Double(maximum), label: label, role: used < count ? .accent : .primary)
                .render(in: bar, into: &buffer, theme: view.theme)
        }
    }
}
