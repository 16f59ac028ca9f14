import ThawTUI
import ThawTrainingAPI

/// The transferability parts of the Backbones screen: the rank and score columns, the line
/// under the table (sample, progress, the "uncertain" flag) and the card's metric section.
enum TransferabilityView {
    /// What a higher value of each metric means, in one sentence.
    static let meanings: [(BackboneSort, String)] = [
        (.logME, "Higher: a linear head fits the labels with simpler weights."),
        (.leep, "Higher: the source head's predictions fit the target labels."),
        (.nce, "Higher: the source head's guess says more about the label."),
        (.hScore, "Higher: the target classes separate better in feature space."),
    ]

    /// Shown once a job has been asked for.
    static func isShown(_ state: AppState) -> Bool { state.transfer.phase != .idle }

    /// The list block's title suffix: progress while scoring.
    static func progress(_ state: AppState, _ glyphs: GlyphSet) -> String? {
        switch state.transfer.phase {
        case .idle, .unavailable: return nil
        case .preparing: return "sampling" + glyphs.ellipsis
        case .scoring:
            let progress = state.transfer.progress
            return "scoring \(Swift.min(progress.done + 1, progress.total))/\(progress.total)" + glyphs.ellipsis
        case .finished: return state.transfer.ranking == nil ? nil : "ranked"
        }
    }

    static func columns(_ state: AppState) -> [TableColumn] {
        [TableColumn("#", width: .fixed(3), alignment: .right), TableColumn(state.transfer.sort.metric.title, width: .fixed(8), alignment: .right)]
    }

    /// The rank (the best marked, "?" when the metrics disagree) and the sorted metric.
    static func cells(_ b: BackboneSummary, _ view: ViewContext) -> [Span] {
        let transfer = view.state.transfer
        if let row = transfer.ranking?.row(for: b.name), let scores = transfer.outcomes[b.name]?.scores {
            let marker = row.rank == 1 ? (transfer.ranking?.isUncertain == true ? "?" : view.symbols.best) : " "
            let value = transfer.sort.value(scores)
            return [Span("\(row.rank)\(marker)", role: row.rank == 1 ? .success : .foreground, flags: row.rank == 1 ? .bold : []),
                    Span(value.map { Format.fixed($0, 3) } ?? "-", role: .primary)]
        }
        switch transfer.outcomes[b.name]?.outcome {
        case .incompatible: return [Span("-", role: .muted), Span("n/a", role: .muted)]
        case .failed: return [Span("-", role: .muted), Span("failed", role: .error)]
        default:
            let now = transfer.scoring == b.name
            return [Span(""), Span(now ? "scoring" : (transfer.phase == .scoring || transfer.phase == .preparing ? view.glyphs.ellipsis : "-"),
                                   role: now ? .accent : .muted)]
        }
    }

    /// The line under the table: what was scored on, and whether the metrics agree.
    static func footer(_ view: ViewContext) -> Line {
        let transfer = view.state.transfer
        switch transfer.phase {
        case .idle: return Line("")
        case .unavailable(let reason): return Line([Span("transferability unavailable: \(reason)", role: .error)])
        case .preparing: return Line([Span("reading a sample of the training split to score the backbones", role: .muted)])
        case .scoring, .finished:
            guard let sample = transfer.sample else { return Line("") }
            if sample.candidates.isEmpty { return Line([Span("no backbone here reads this data (the card says why)", role: .warning)]) }
            let on = Span("\(sample.examples) training examples, \(sample.classes) classes \(view.symbols.dot) by \(transfer.sort.title)",
                          role: .muted)
            guard let ranking = transfer.ranking else { return Line([on]) }
            if ranking.isUncertain {
                return Line([Span("uncertain: ", role: .warning, flags: .bold), Span(ranking.reason ?? "the metrics disagree", role: .warning)])
            }
            return Line([Span(ranking.rows.count > 1 ? "metrics agree \(view.symbols.dot) " : "", role: .success), on])
        }
    }

    /// The card's section: rank, each metric with its meaning, or why there are none.
    static func lines(_ b: BackboneSummary, _ view: ViewContext, width: Int) -> [Line] {
        let transfer = view.state.transfer
        guard isShown(view.state) else { return [] }
        var lines: [Line] = [Line(""), Line([Span("transferability to the target data", role: .title, flags: .bold)])]
        let row = BackbonesView.row
        switch transfer.outcomes[b.name]?.outcome {
        case .incompatible(let why): return lines + [row("not scored", why, .warning)]
        case .failed(let why): return lines + [row("failed", why, .error)]
        case .scored(let scores):
            let outcome = transfer.outcomes[b.name]
            if let ranking = transfer.ranking, let rank = ranking.row(for: b.name) {
                lines.append(row("rank", "\(rank.rank) of \(ranking.rows.count) (mean rank \(Format.number(rank.meanRank)))",
                                 rank.rank == 1 ? .success : .foreground))
                if ranking.isUncertain {
                    lines += wrapped("uncertain: \(ranking.reason ?? "the metrics disagree"); fine-tune the top candidates briefly before choosing.",
                                     role: .warning, width: width)
                }
            }
            for (metric, meaning) in meanings {
                let value = metric.value(scores)
                lines.append(row(metric.title, value.map { Format.fixed($0, 4) } ?? "- (no source head kept)", value == nil ? .muted : .primary))
                lines += wrapped(meaning, role: .muted, width: width)
            }
            if let sample = transfer.sample, let seconds = outcome?.seconds {
                lines.append(row("scored on", "\(sample.examples) examples in \(Format.number(seconds)) s", .muted))
            }
            return lines
        case nil:
            let waiting = transfer.scoring == b.name ? "being scored" + view.glyphs.ellipsis
                : (transfer.phase == .scoring || transfer.phase == .preparing ? "waiting to be scored" : "not scored")
            return lines + [row("status", waiting, .muted)]
        }
    }

    /// `text` word-wrapped to `width`, indented under the values.
    private static func wrapped(_ text: String, role: ThemeRole, width: Int) -> [Line] {
        let indent = BackbonesView.keyWidth
        return TextLayout.wrap([Span(text, role: role)], width: Swift.max(10, width - indent)).map { Line([Span(String(repeating: " ", count: indent))] + $0) }
    }
}
