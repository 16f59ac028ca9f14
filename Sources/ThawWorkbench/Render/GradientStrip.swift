import Foundation
import ThawTUI

/// The per-layer gradient norms of the latest step as a heat strip, input side on the left:
/// each column is a layer (or the largest of a few when there are more layers than columns),
/// its height and colour the norm on a log scale. Vanishing gradients under a frozen-then-
/// thawed block, or one layer exploding, show at a glance.
enum GradientStrip {
    static func render(_ view: ViewContext, in area: Rect, into buffer: inout Buffer) {
        let block = Block(title: "Gradient norm per layer (log)")
        block.render(in: area, into: &buffer, theme: view.theme)
        let inner = block.inner(area).inset(by: Margin(horizontal: 1, vertical: 0))
        let layers = ordered(view)
        guard !layers.isEmpty, inner.width > 0, inner.height > 0 else {
            buffer.set(string: "norms appear with the first step", x: inner.x, y: inner.y, style: Style(fg: .muted), clip: inner)
            return
        }
        let stripRows = Swift.max(1, inner.height - 1)
        let columns = Swift.min(inner.width, layers.count)
        // Few layers get wider cells, so a 3-layer MLP does not sit in one corner.
        let cellWidth = Swift.max(1, Swift.min(4, inner.width / Swift.max(1, columns)))
        // Bucket layers into columns, keeping each bucket's largest norm.
        let buckets: [Double] = (0..<columns).map { c in
            let start = c * layers.count / columns, end = Swift.max(start + 1, (c + 1) * layers.count / columns)
            return layers[start..<end].map(\.norm).max() ?? 0
        }
        let logs = buckets.map { $0 > 0 && $0.isFinite ? log10($0) : Double.nan }
        let finite = logs.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = Swift.max(finite.max() ?? 1, lo + 1e-9)
        let levels = Sparkline.levels(logs, rows: stripRows, range: lo...hi)
        let glyphs = view.glyphs.sparkLevels
        for (column, level) in levels.enumerated() {
            guard let level else { continue }
            let t = (logs[column] - lo) / (hi - lo)
            let paint = Paint.color(view.theme.gradient(t))
            for row in 0..<stripRows {
                let filled = level - row * 8
                guard filled > 0 else { break }
                let symbol = String(repeating: glyphs[Swift.min(filled, 8) - 1], count: cellWidth)
                buffer.set(string: symbol, x: inner.x + column * cellWidth, y: inner.y + stripRows - 1 - row, style: Style(fg: paint))
            }
        }
        guard inner.height >= 2, let low = layers.min(by: { $0.norm < $1.norm }), let high = layers.max(by: { $0.norm < $1.norm }) else { return }
        let spans = [Span("\(layers.count) layers  ", role: .muted), Span("min ", role: .muted), Span(Format.number(low.norm) + " " + low.path),
                     Span("  max ", role: .muted), Span(Format.number(high.norm) + " " + high.path, role: .warning)]
        let text = Rect(x: inner.x, y: inner.bottom - 1, width: inner.width, height: 1)
        buffer.set(spans: TextLayout.truncate(spans, to: text.width, ellipsis: view.glyphs.ellipsis), at: Point(x: text.x, y: text.y), clip: text)
    }

    /// Norms in the backbone's module order when known, else by path.
    static func ordered(_ view: ViewContext) -> [(path: String, norm: Double)] {
        let state = view.state
        let norms = state.training.history.gradientNorms
        guard !norms.isEmpty else { return [] }
        let name = state.training.launchedConfig?.backbone.name ?? state.config.backbone.name
        let order = state.zoo.first { $0.name == name }?.layers.map(\.path) ?? []
        var result = order.compactMap { path in norms[path].map { (path, $0) } }
        let placed = Set(result.map(\.0))
        result += norms.keys.filter { !placed.contains($0) }.sorted().map { ($0, norms[$0]!) }
        return result.map { (path: $0.0, norm: $0.1) }
    }
}
