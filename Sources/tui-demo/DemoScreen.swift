import ThawTUI

/// The demo's whole state: a layer tree to move through, and the frame count.
struct DemoState: Equatable {
    static let minimumSize = Size(width: 60, height: 16)

    var selected: String? = "layer1"
    var expanded: Set<String> = ["backbone", "layer1"]
    var frames = 0

    /// A ResNet-shaped tree, enough to exercise guides, markers and details.
    static let layers: [TreeNode] = [
        TreeNode(id: "backbone", label: Span("backbone"), detail: Span("11.2M"), children: [
            TreeNode(id: "stem", label: Span("stem"), detail: Span("9.5k frozen")),
            TreeNode(id: "layer1", label: Span("layer1"), detail: Span("148k frozen"), children: [
                TreeNode(id: "layer1.0", label: Span("block 0"), detail: Span("74k")),
                TreeNode(id: "layer1.1", label: Span("block 1"), detail: Span("74k")),
            ]),
            TreeNode(id: "layer2", label: Span("layer2"), detail: Span("526k")),
            TreeNode(id: "layer3", label: Span("layer3"), detail: Span("2.1M")),
            TreeNode(id: "layer4", label: Span("layer4"), detail: Span("8.4M")),
        ]),
        TreeNode(id: "head", label: Span("head"), detail: Span("5.1k trainable")),
    ]

    static let keymap = Keymap([
        KeyBinding(keys: [.char("j"), .down], action: "down", description: "Down"),
        KeyBinding(keys: [.char("k"), .up], action: "up", description: "Up"),
        KeyBinding(keys: [.char("l"), .right], action: "open", description: "Open"),
        KeyBinding(keys: [.char("h"), .left], action: "close", description: "Close"),
        KeyBinding(keys: [.char("q")], action: "quit", description: "Quit"),
    ])

    /// Applies a key; returns false when the key asks to quit.
    mutating func handle(_ key: Key) -> Bool {
        let rows = TreeModel.visibleRows(DemoState.layers, expanded: expanded)
        switch DemoState.keymap.action(for: key) {
        case "down": selected = TreeModel.move(selected, by: 1, in: rows)
        case "up": selected = TreeModel.move(selected, by: -1, in: rows)
        case "open": if let id = selected { (expanded, selected) = TreeModel.expand(id, rows: rows, expanded: expanded) }
        case "close": if let id = selected { (expanded, selected) = TreeModel.collapse(id, rows: rows, expanded: expanded) }
        case "quit": return false
        default: break
        }
        return true
    }
}

/// Pure rendering: title row, the "Layers" panel and a details panel, the help bar; below
/// the minimum size, the shared "terminal too small" notice.
enum DemoScreen {
    static func render(_ state: DemoState, theme: Theme, into buffer: inout Buffer) {
        guard buffer.size.fits(DemoState.minimumSize) else {
            TooSmallNotice.render(into: &buffer, need: DemoState.minimumSize, theme: theme)
            return
        }
        buffer.clear()
        let rows = Layout.vertical([.fixed(1), .fill(1), .fixed(1)]).split(buffer.area)
        buffer.set(spans: [Span("Thaw TUI demo", role: .title, flags: .bold),
                           Span("  frame \(state.frames)", role: .muted)], at: Point(x: 1, y: rows[0].y), clip: rows[0])
        let panels = Layout.horizontal([.percent(60), .fill(1)]).split(rows[1])
        let layers = Block(title: "Layers", focused: true)
        buffer.render(layers, in: panels[0], theme: theme)
        buffer.render(Tree(nodes: DemoState.layers, expanded: state.expanded, selected: state.selected),
                      in: layers.inner(panels[0]), theme: theme)
        let details = Block(title: "Selected", padding: Margin(horizontal: 1, vertical: 0))
        buffer.render(details, in: panels[1], theme: theme)
        buffer.render(Paragraph(state.selected ?? "nothing"), in: details.inner(panels[1]), theme: theme)
        buffer.render(HelpBar(keymap: DemoState.keymap, glyphs: theme.glyphs), in: rows[2].inset(by: Margin(top: 0, right: 1, bottom: 0, left: 1)), theme: theme)
    }
}
