import ThawTUI
import ThawTrainingAPI

/// The frame around every screen: tabs with the run's state, the status line, the help bar
/// and the confirmation dialogs.
enum Chrome {
    static func tabs(_ view: ViewContext, in row: Rect, into buffer: inout Buffer) {
        let state = view.state
        func label(_ screen: Screen, style: Int) -> String {
            var title = style == 0 ? screen.title : (style == 1 ? screen.shortTitle : "")
            if screen == .warnings, !state.warnings.order.isEmpty { title += style == 2 ? "!" : "(\(state.warnings.order.count))" }
            return " \(screen.rawValue)\(title.isEmpty ? "" : " " + title) "
        }
        func width(_ style: Int) -> Int { Screen.allCases.reduce(6) { $0 + CharWidth.width(of: label($1, style: style)) } }
        // Titles matter more than the badge: an idle experiment's name gives way first.
        var badge = runBadge(state)
        let active = state.training.isActive || state.training.state != .idle
        if !active, width(1) + badge.width + 1 > row.width { badge.text = "" }
        let style = (0...2).first { width($0) + badge.width + 1 <= row.width } ?? 2
        var x = buffer.set(string: " Thaw ", x: row.x, y: row.y, style: Style(fg: .primary, flags: .bold), clip: row)
        for screen in Screen.allCases {
            let text = label(screen, style: style)
            let alert = screen == .warnings && state.warnings.unseen > 0
            let tabStyle = screen == state.screen ? Style(fg: .selectionText, bg: .selection, flags: .bold)
                : Style(fg: alert ? .warning : .muted, flags: alert ? .bold : [])
            x = buffer.set(string: text, x: x, y: row.y, style: tabStyle, clip: row)
        }
        if !badge.text.isEmpty { buffer.set(spans: [badge], at: Point(x: row.right - badge.width - 1, y: row.y), clip: row) }
    }

    /// The run's state at the right of the tab bar.
    static func runBadge(_ state: AppState) -> Span {
        let training = state.training
        if training.launching { return Span("starting", role: .accent, flags: .bold) }
        switch training.state {
        case .idle: return Span(state.config.name, role: .muted)
        case .running:
            let step = training.history.lastStep?.step ?? 0
            return Span("running \(ProgressBar.percentLabel(Double(step) / Double(state.totalSteps)))", role: .success, flags: .bold)
        case .paused: return Span("paused", role: .warning, flags: .bold)
        case .finished: return Span("finished", role: .success)
        case .stopped: return Span("stopped", role: .muted)
        case .failed: return Span("failed", role: .error, flags: .bold)
        }
    }

    static func statusLine(_ view: ViewContext, in row: Rect, into buffer: inout Buffer) {
        let state = view.state
        buffer.fill(row, style: Style(bg: .surface))
        let spans: [Span]
        if state.editing != nil {
            spans = [Span(" editing: ", role: .accent, flags: .bold), Span("Enter applies, Esc cancels", role: .muted)]
        } else if let status = state.status {
            spans = [status.span]
        } else {
            spans = [Span(" " + summary(state, view.symbols), role: .muted)]
        }
        buffer.set(spans: TextLayout.truncate(spans, to: row.width, ellipsis: view.glyphs.ellipsis), at: Point(x: row.x, y: row.y), clip: row)
    }

    /// What the experiment is, when nothing more urgent needs the status line.
    static func summary(_ state: AppState, _ symbols: Symbols) -> String {
        let config = state.config
        let backbone = config.backbone.name ?? config.backbone.path ?? "MLP from scratch"
        let data = config.data.train.isEmpty ? "no data yet" : config.data.train
        return [config.name, backbone + (config.backbone.scratch ? " (scratch)" : ""), data,
                "\(config.training.epochs) epochs", "lr \(Format.number(config.optimizer.lr))"].joined(separator: " \(symbols.dot) ")
    }

    static func helpBar(_ view: ViewContext, in row: Rect, into buffer: inout Buffer) {
        let state = view.state
        let hints: [KeyHint]
        if state.dialog != nil {
            hints = Keymaps.dialog.hints(for: [Action.left.rawValue, Action.confirm.rawValue, Action.cancel.rawValue], glyphs: view.glyphs)
        } else if state.editing != nil {
            hints = [KeyHint(key: Key.enter.label(view.glyphs), description: "Apply"), KeyHint(key: "Esc", description: "Cancel")]
        } else if state.showHelp {
            hints = [KeyHint(key: "?", description: "Close help")]
        } else {
            hints = Keymaps.keymap(for: state.screen).hints(for: Keymaps.barActions(for: state.screen).map(\.rawValue), glyphs: view.glyphs)
        }
        HelpBar(hints: hints).render(in: row.inset(by: Margin(top: 0, right: 0, bottom: 0, left: 1)), into: &buffer, theme: view.theme)
    }

    static func dialog(_ dialog: DialogState, _ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let widget: Dialog = switch dialog.kind {
        case .quitWhileTraining:
            Dialog(title: "Quit Thaw?", message: "A run is training. Quitting stops it after the current step and saves a checkpoint.",
                   buttons: ["Keep training", "Stop and quit"], selectedButton: dialog.selected)
        case .stopTraining:
            Dialog(title: "Stop the run?", message: "It stops after the current step and saves a checkpoint; the workbench cannot resume it.",
                   buttons: ["Keep training", "Stop"], selectedButton: dialog.selected)
        }
        widget.render(in: area, into: &buffer, theme: view.theme)
    }
}
