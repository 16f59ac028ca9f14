import ThawMonitor
import ThawTUI

/// Under the charts while a run has a scratch baseline: the negative-transfer comparison on
/// one shared tag (`c` picks another), in the words of `TransferComparison`.
enum MonitorComparisonPanel {
    static func render(_ view: MonitorView, in area: Rect, into buffer: inout Buffer) {
        let state = view.state
        let block = Block(title: "Transfer: pretrained vs scratch", trailingTitle: "c: tag  b: unpair")
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area).inset(by: Margin(horizontal: 1, vertical: 0))
        guard let pair = state.comparisonPair else {
            let text = state.pickingScratch != nil ? "choose the pretrained run in the list and press Enter; Esc cancels"
                : "no comparison"
            buffer.lines([Line([Span(text, role: .warning)])], in: inner, theme: view.theme, wrap: true)
            return
        }
        guard let comparison = state.comparison else {
            buffer.lines([Line([Span("\(pair.pretrained.name) and \(pair.scratch.name) share no tag yet", role: .muted)])], in: inner,
                         theme: view.theme, wrap: true)
            return
        }
        let text = comparison.lines(pretrainedName: pair.pretrained.name, scratchName: pair.scratch.name)
        let verdictRole: ThemeRole = switch comparison.verdict {
        case .pretrainedBetter: .success
        case .scratchBetter: .warning
        case .even, .noOverlap: .foreground
        }
        // The verdict (third line) moves up under the title: on a small terminal the lines
        // wrap and the last ones are cut, and the verdict is the one to keep.
        var lines = text.enumerated().map { index, line -> Line in
            switch index {
            case 0: Line([Span(line, role: .title, flags: .bold)])
            case 2: Line([Span(line, role: verdictRole, flags: .bold)])
            case text.count - 1: Line([Span(line, role: .muted, flags: .italic)])
            default: Line([Span(line)])
            }
        }
        if lines.count > 3 { lines.insert(lines.remove(at: 2), at: 1) }
        buffer.lines(lines, in: inner, theme: view.theme, wrap: true)
    }
}
