import ThawTUI
import ThawTrainingAPI

/// Screen 6: the diagnostics' cards, the selected one in full with its numbered actions.
enum WarningsView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let parts = area.width >= 100 ? area.split(.horizontal, [.fill(2), .fill(3)])
            : area.split(.vertical, [.fixed(Swift.min(8, area.height / 3)), .fill(1)])
        let listBlock = view.block("Warnings", panel: 0, trailing: state.warnings.order.isEmpty ? nil : "\(state.warnings.order.count)")
        listBlock.render(in: parts[0], into: &buffer, theme: view.theme)
        let listArea = listBlock.inner(parts[0]).inset(by: Margin(horizontal: 1, vertical: 0))
        let cards = state.warnings.order.compactMap { state.warnings.cards[$0] }
        let detailBlock = view.block(cards.indices.contains(state.warnings.cursor) ? cards[state.warnings.cursor].title : "Details", panel: 1)
        detailBlock.render(in: parts[1], into: &buffer, theme: view.theme)
        let detailArea = detailBlock.inner(parts[1]).inset(by: Margin(horizontal: 1, vertical: 0))
        guard !cards.isEmpty else {
            let text = "No warnings. While a run trains, diagnostics report negative transfer, BatchNorm shift, weight drift, "
                + "divergence, plateaus and forgetting here, each with a one-key action."
            buffer.render(Paragraph([Line([Span(text, role: .muted)])]), in: listArea, theme: view.theme)
            buffer.lines(applied(view), in: detailArea, theme: view.theme, wrap: true)
            return
        }
        let rows = cards.map { card in
            TableRow([Span(card.severity.name, role: role(card.severity), flags: .bold), Span(card.title), Span("\(card.step)", role: .muted)])
        }
        Table(columns: [TableColumn("Severity", width: .fixed(8)), TableColumn("Finding", width: .fill(1)),
                        TableColumn("Step", width: .fixed(6), alignment: .right)],
              rows: rows, selected: state.warnings.cursor).render(in: listArea, into: &buffer, theme: view.theme)
        let card = cards[Swift.min(state.warnings.cursor, cards.count - 1)]
        buffer.lines(detail(card, view) + applied(view), in: detailArea, theme: view.theme, wrap: true)
    }

    static func role(_ severity: DiagnosticsReport.Severity) -> ThemeRole {
        switch severity {
        case .info: .primary
        case .warning: .warning
        case .critical: .error
        }
    }

    static func detail(_ card: DiagnosticsReport, _ view: ViewContext) -> [Line] {
        var lines = [Line([Span(card.severity.name.uppercased(), role: role(card.severity), flags: .bold),
                           Span("  \(card.kind.rawValue)  step \(card.step)", role: .muted)]),
                     Line(card.explanation), Line("")]
        if card.actions.isEmpty {
            lines.append(Line([Span("No action suggested.", role: .muted)]))
        } else {
            lines.append(Line([Span("Suggested actions", role: .title, flags: .bold)]))
            for (index, action) in card.actions.enumerated() {
                let hint = index == 0 ? "  (Enter/a applies)" : ""
                lines.append(Line([Span("  \(index + 1). ", role: .primary, flags: .bold), Span(action.label), Span(hint, role: .muted)]))
            }
        }
        lines.append(Line(""))
        if !card.evidence.isEmpty {
            lines.append(Line([Span("Evidence", role: .title, flags: .bold)]))
            for e in card.evidence {
                lines.append(Line([Span("  " + e.name.padding(22), role: .muted), Span(Format.number(e.value), role: .accent, flags: .bold),
                                   Span(e.detail.map { "  " + $0 } ?? "", role: .muted)]))
            }
        }
        lines.append(Line([Span("Source  ", role: .muted), Span(card.source, style: Style(flags: .italic))]))
        return lines
    }

    static func applied(_ view: ViewContext) -> [Line] {
        let applied = view.state.warnings.applied
        guard !applied.isEmpty else { return [] }
        return [Line(""), Line([Span("Applied (u undoes the last)", role: .title, flags: .bold)])]
            + applied.reversed().map { Line([Span("  " + view.symbols.check + " ", role: .success), Span($0.action.label)]) }
    }
}
