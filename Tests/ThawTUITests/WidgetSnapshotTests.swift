import Testing
@testable import ThawTUI

/// Every widget at a roomy and a cramped size, as plain text; the styled dumps check that
/// roles land on the right cells; ASCII variants check the `LANG=C` fallback (no byte
/// above 0x7E may appear).
@Suite struct WidgetSnapshotTests {
    static let treeNodes = [
        TreeNode(id: "net", label: Span("backbone"), detail: Span("11.2M"), children: [
            TreeNode(id: "conv1", label: Span("conv1"), detail: Span("9.4k")),
            TreeNode(id: "layer1", label: Span("layer1"), children: [
                TreeNode(id: "layer1.0", label: Span("block 0")), TreeNode(id: "layer1.1", label: Span("block 1")),
            ]),
            TreeNode(id: "layer2", label: Span("layer2"), children: [TreeNode(id: "layer2.0", label: Span("x"))]),
        ]),
        TreeNode(id: "fc", label: Span("fc (new head)", role: .success), detail: Span("5.1k")),
    ]

    static let table = Table(
        columns: [TableColumn("layer"), TableColumn("params", width: .fixed(7), alignment: .right),
                  TableColumn("state", width: .fixed(6))],
        rows: (0..<8).map { TableRow(["layer\($0)", "\($0 * 1234)", $0 % 2 == 0 ? "frozen" : "train"]) },
        selected: 5, offset: 0)

    static func chart() -> LineChart {
        let train: [Double] = (1...60).map { (i: Int) -> Double in
            2.0 * exp(-Double(i) / 15) + 0.1 + (i % 7 == 0 ? 0.3 : 0)
        }
        var val: [Double] = (1...60).map { (i: Int) -> Double in
            i % 5 == 0 ? 2.2 * exp(-Double(i) / 18) + 0.2 : Double.nan
        }
        val[9] = .infinity
        return LineChart(series: [ChartSeries(name: "train", values: train, colorIndex: 0),
                                  ChartSeries(name: "val", values: val, colorIndex: 1)],
                         smoothing: 0.6, markers: [ChartMarker(x: 30, label: "unfreeze")])
    }

    @Test func block() {
        Snapshot.check(Block(title: "Layers", trailingTitle: "3/12", focused: false), width: 24, height: 4, named: "block-24x4")
        Snapshot.check(Block(title: "Layers", focused: true), width: 12, height: 3, named: "block-focused-12x3", styled: true)
        Snapshot.check(Block(title: "A very long title", focused: true), width: 8, height: 2, named: "block-8x2")
        Snapshot.check(Block(title: "Layers", focused: true), width: 12, height: 3, named: "block-ascii-12x3", glyphs: .ascii)
    }

    @Test func paragraph() {
        let text = "Fine-tuning adapts a pretrained network to a new task. Freeze the backbone first."
        Snapshot.check(Paragraph(text), width: 30, height: 4, named: "paragraph-wrap-30x4")
        Snapshot.check(Paragraph(text, overflow: .truncate), width: 20, height: 2, named: "paragraph-truncate-20x2")
        Snapshot.check(Paragraph([Line([Span("loss "), Span("0.231", role: .success, flags: .bold)], alignment: .right)]),
                       width: 14, height: 1, named: "paragraph-styled-14x1", styled: true)
    }

    @Test func table() {
        Snapshot.check(WidgetSnapshotTests.table, width: 30, height: 6, named: "table-30x6", styled: true)
        Snapshot.check(WidgetSnapshotTests.table, width: 12, height: 3, named: "table-12x3")
    }

    @Test func tree() {
        let tree = Tree(nodes: WidgetSnapshotTests.treeNodes, expanded: ["net", "layer1"], selected: "layer1.0")
        Snapshot.check(tree, width: 30, height: 8, named: "tree-30x8", styled: true)
        Snapshot.check(tree, width: 12, height: 3, named: "tree-12x3")
        Snapshot.check(tree, width: 30, height: 8, named: "tree-ascii-30x8", glyphs: .ascii)
    }

    @Test func progressBar() {
        Snapshot.check(ProgressBar(fraction: 0.4321, label: "43%"), width: 20, height: 1, named: "progress-20x1", styled: true)
        Snapshot.check(ProgressBar(fraction: 0.4321, label: "43%"), width: 20, height: 1, named: "progress-ascii-20x1", glyphs: .ascii)
        #expect(ProgressBar.cells(fraction: 0.5, width: 3, glyphs: .unicode) == ["█", "▌", " "])
        #expect(ProgressBar.cells(fraction: .nan, width: 2, glyphs: .unicode) == [" ", " "])
        #expect(ProgressBar.cells(fraction: 7, width: 2, glyphs: .ascii) == ["#", "#"])
    }

    @Test func helpBar() {
        let keymap = Keymap([KeyBinding(keys: [.char("q")], action: "quit", description: "Quit"),
                             KeyBinding(keys: [.char("?")], action: "help", description: "Help"),
                             KeyBinding(keys: [.enter], action: "open", description: "Open"),
                             KeyBinding(keys: [.ctrl("s")], action: "save", description: "Save checkpoint")])
        Snapshot.check(HelpBar(keymap: keymap), width: 60, height: 1, named: "helpbar-60x1", styled: true)
        Snapshot.check(HelpBar(keymap: keymap), width: 20, height: 1, named: "helpbar-20x1")
        Snapshot.check(HelpBar(keymap: keymap), width: 4, height: 1, named: "helpbar-4x1")
        Snapshot.check(HelpBar(keymap: keymap, glyphs: .ascii), width: 60, height: 1, named: "helpbar-ascii-60x1", glyphs: .ascii)
    }

    @Test func dialog() {
        let dialog = Dialog(title: "Quit?", message: "Training is running. Stop it and write a checkpoint?",
                            buttons: ["Stop & save", "Cancel"], selectedButton: 0)
        Snapshot.check(dialog, width: 60, height: 12, named: "dialog-60x12", styled: true)
        Snapshot.check(dialog, width: 16, height: 5, named: "dialog-16x5")
    }

    @Test func textInput() {
        let state = TextInputState("learning rate", cursor: 5)
        Snapshot.check(TextInput(state: state), width: 20, height: 1, named: "textinput-20x1", styled: true)
        Snapshot.check(TextInput(state: state), width: 4, height: 1, named: "textinput-4x1")
        Snapshot.check(TextInput(state: TextInputState(), placeholder: "filter layers"), width: 20, height: 1,
                       named: "textinput-placeholder-20x1")
    }

    @Test func sparkline() {
        let values = [1, 2, 3, 4, 5, 6, 7, 8, .nan, 8, 4, 1.0]
        Snapshot.check(Sparkline(values: values), width: 12, height: 1, named: "sparkline-12x1")
        Snapshot.check(Sparkline(values: values), width: 6, height: 2, named: "sparkline-6x2")
        Snapshot.check(Sparkline(values: values), width: 12, height: 1, named: "sparkline-ascii-12x1", glyphs: .ascii)
    }

    @Test func lineChart() {
        Snapshot.check(WidgetSnapshotTests.chart(), width: 60, height: 16, named: "linechart-60x16")
        Snapshot.check(WidgetSnapshotTests.chart(), width: 24, height: 8, named: "linechart-24x8", styled: true)
        Snapshot.check(WidgetSnapshotTests.chart(), width: 60, height: 16, named: "linechart-ascii-60x16", glyphs: .ascii)
    }

    @Test func asciiGlyphsNeverProduceNonASCII() {
        let widgets: [any Widget] = [
            Block(title: "t", focused: true), Block(title: "t"), WidgetSnapshotTests.table,
            Tree(nodes: WidgetSnapshotTests.treeNodes, expanded: ["net", "layer1", "layer2"], selected: "fc"),
            ProgressBar(fraction: 0.37, label: "37%"), Sparkline(values: [1, 5, 2, .nan, 9]),
            WidgetSnapshotTests.chart(),
            LineChart(series: [ChartSeries(name: "l", values: [1, -1, 10, 100], colorIndex: 0)], yScale: .log),
            HelpBar(keymap: Keymap([KeyBinding(keys: [.up, .enter], action: "a", description: "Go")]), glyphs: .ascii),
            Dialog(title: "Quit", message: "Sure?", buttons: ["Yes", "No"]),
            TextInput(state: TextInputState("abc")),
        ]
        for widget in widgets {
            for (w, h) in [(40, 12), (7, 3), (1, 1)] {
                let text = render(widget, width: w, height: h, glyphs: .ascii).render()
                #expect(text.unicodeScalars.allSatisfy { $0.value < 0x7F }, "\(type(of: widget)) at \(w)×\(h): \(text)")
            }
        }
    }

    @Test(arguments: [(0, 0), (1, 1), (2, 80), (80, 2), (3, 2), (300, 100)])
    func widgetsSurviveAnySize(width: Int, height: Int) {
        let widgets: [any Widget] = [
            Block(title: "Layers", trailingTitle: "x", focused: true, padding: Margin(all: 2)), WidgetSnapshotTests.table,
            Tree(nodes: WidgetSnapshotTests.treeNodes, expanded: ["net"], selected: "conv1"),
            ProgressBar(fraction: 0.5, label: "50%"), Sparkline(values: [1, 2, 3]), WidgetSnapshotTests.chart(),
            Dialog(title: "T", message: "m", buttons: ["A", "B"]), TextInput(state: TextInputState("日本語 text")),
            Paragraph("some text 日本 to wrap"), HelpBar(hints: [KeyHint(key: "q", description: "Quit")]),
        ]
        for widget in widgets {
            let buffer = render(widget, width: width, height: height)
            #expect(buffer.size == Size(width: width, height: height))
        }
    }
}

import Foundation
