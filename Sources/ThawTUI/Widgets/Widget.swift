/// Anything that draws itself into part of a buffer. Widgets are values built fresh each
/// frame from the app state: they hold no terminal, no mutable state and no theme of their
/// own, so the same state always renders the same cells.
public protocol Widget: Sendable {
    func render(in area: Rect, into buffer: inout Buffer, theme: Theme)
}

extension Buffer {
    /// `widget.render(in: area, into: &self, theme: theme)`, reading left to right.
    public mutating func render(_ widget: some Widget, in area: Rect, theme: Theme) {
        widget.render(in: area, into: &self, theme: theme)
    }
}
