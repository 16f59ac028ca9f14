import ThawTUI
import ThawTrainingAPI

/// Screen 1: the zoo as a table, and the highlighted backbone's card.
enum BackbonesView {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let parts = area.width >= 110 ? area.split(.horizontal, [.fill(3), .fill(2)])
            : area.split(.vertical, [.fill(1), .fixed(Swift.min(12, area.height / 2))])
        let found = state.zooLoading ? "searching" : "\(state.zoo.count) found"
        let trailing = [found, TransferabilityView.progress(state, view.glyphs)].compactMap { $0 }.joined(separator: " \(view.symbols.dot) ")
        let listBlock = view.block("Backbones", panel: 0, trailing: trailing)
        listBlock.render(in: parts[0], into: &buffer, theme: view.theme)
        var inner = listBlock.inner(parts[0]).inset(by: Margin(horizontal: 1, vertical: 0))
        if state.zoo.isEmpty {
            buffer.render(Paragraph(emptyText(state)), in: inner, theme: view.theme)
        } else {
            if TransferabilityView.isShown(state), inner.height > 2 {
                let rows = inner.split(.vertical, [.fill(1), .fixed(1)])
                buffer.lines([TransferabilityView.footer(view)], in: rows[1], theme: view.theme)
                inner = rows[0]
            }
            table(view).render(in: inner, into: &buffer, theme: view.theme)
        }
        let cursor = state.backboneAtCursor
        let detailBlock = view.block(cursor?.name ?? "Card", panel: 1)
        detailBlock.render(in: parts[1], into: &buffer, theme: view.theme)
        if let cursor {
            let detail = detailBlock.inner(parts[1]).inset(by: Margin(horizontal: 1, vertical: 0))
            buffer.lines(card(cursor, view, width: detail.width), in: detail, theme: view.theme, scroll: state.backbones.detailScroll)
        }
    }

    static func emptyText(_ state: AppState) -> String {
        if state.zooLoading { return "Looking for backbones..." }
        return "No backbones found. Thaw looks in sample-data/backbones, in ~/.local/share/thaw/backbones and in "
            + "directories given with --backbones DIR. Without one, the experiment trains an MLP from scratch."
    }

    static func table(_ view: ViewContext) -> Table {
        let state = view.state
        let showTransfer = TransferabilityView.isShown(state)
        var columns = [TableColumn("", width: .fixed(1)), TableColumn("Name", width: .fill(4)), TableColumn("Architecture", width: .fill(3)),
                       TableColumn("Params", width: .fixed(7), alignment: .right), TableColumn("Source task", width: .fill(3)),
                       TableColumn("Input", width: .fixed(7))]
        if showTransfer { columns += TransferabilityView.columns(state) }
        let rows = state.listedBackbones.map { b -> TableRow in
            let chosen = b.name == state.config.backbone.name
            var cells = [Span(chosen ? view.symbols.check : " ", role: .success, flags: .bold), Span(b.name, style: Style(flags: chosen ? .bold : [])),
                         Span(b.architecture, role: .muted), Span(b.parameters > 0 ? Format.count(b.parameters) : "...", role: .accent),
                         Span(b.sourceTask), Span(b.inputKind, role: .muted)]
            if showTransfer { cells += TransferabilityView.cells(b, view) }
            return TableRow(cells)
        }
        return Table(columns: columns, rows: rows, selected: state.backbones.cursor)
    }

    static func card(_ b: BackboneSummary, _ view: ViewContext, width: Int) -> [Line] {
        let state = view.state
        let chosen = b.name == state.config.backbone.name
        var lines: [Line] = [chosen
            ? Line([Span(view.symbols.check + " used by the experiment", role: .success, flags: .bold)])
            : Line([Span("Enter uses it for the experiment", role: .muted, flags: .italic)])]
        lines.append(row("architecture", b.architecture))
        lines.append(row("parameters", b.parameters > 0 ? "\(Format.count(b.parameters)) (\(b.parameters))" : "reading the layer tree...", .accent))
        let classes = b.sourceClasses.prefix(8).joined(separator: " ") + (b.sourceClasses.count > 8 ? " " + view.glyphs.ellipsis : "")
        lines.append(row("source", "\(b.sourceTask) (\(b.sourceClasses.count) classes)"))
        lines.append(row("classes", classes))
        lines.append(row("input", b.input))
        if let dataset = state.dataset {
            let head = dataset.classes.count == b.sourceClasses.count ? "kept" : "replaced: \(b.sourceClasses.count) \(view.symbols.arrow) \(dataset.classes.count) classes"
            lines.append(row("head", "\(b.headPrefixes.joined(separator: ", ")) (\(head))"))
        } else {
            lines.append(row("head", b.headPrefixes.joined(separator: ", ")))
        }
        lines.append(row("found in", b.origin, .muted))
        lines += TransferabilityView.lines(b, view, width: width)
        if !b.card.isEmpty {
            lines.append(Line(""))
            lines += b.card.map { Line($0) }
        }
        return lines
    }

    /// A "key  value" line of the card, the keys in a column as wide as `keyWidth`.
    static func row(_ key: String, _ value: String, _ role: ThemeRole = .foreground) -> Line {
        Line([Span(key.padding(keyWidth), role: .muted), Span(value, role: role)])
    }

    static let keyWidth = 13
}

extension String {
    /// Left-aligned in `width` columns (never truncated: callers size columns for their keys).
    func padding(_ width: Int) -> String {
        let w = CharWidth.width(of: self)
        return w >= width ? self + " " : self + String(repeating: " ", count: width - w)
    }
}
