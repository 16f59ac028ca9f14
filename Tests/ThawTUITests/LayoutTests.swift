import Testing
@testable import ThawTUI

@Suite struct LayoutTests {
    @Test func fixedPercentFill() {
        let rects = Rect(x: 0, y: 0, width: 100, height: 10).split(.horizontal, [.fixed(10), .percent(50), .fill(1)])
        #expect(rects.map(\.width) == [10, 50, 40])
        #expect(rects.map(\.x) == [0, 10, 60])
    }

    @Test func fillWeightsShareTheRest() {
        #expect(Layout.sizes(for: [.fill(1), .fill(3)], total: 40) == [10, 30])
        #expect(Layout.sizes(for: [.fill(1), .fill(1), .fill(1)], total: 10).reduce(0, +) == 10)
    }

    @Test func minGrowsAndMaxCaps() {
        #expect(Layout.sizes(for: [.min(5), .fixed(3)], total: 20) == [17, 3])
        #expect(Layout.sizes(for: [.max(4), .fill(1)], total: 20) == [4, 16])
    }

    @Test func shortageShrinksFromTheBack() {
        #expect(Layout.sizes(for: [.fixed(5), .fixed(5), .fixed(5)], total: 8) == [5, 3, 0])
        #expect(Layout.sizes(for: [.fixed(5), .fill(1)], total: 3) == [3, 0])
    }

    @Test func spacingAndMargins() {
        let layout = Layout(.vertical, [.fill(1), .fill(1)], spacing: 1, margin: Margin(all: 1))
        let rects = layout.split(Rect(x: 0, y: 0, width: 10, height: 9))
        #expect(rects == [Rect(x: 1, y: 1, width: 8, height: 3), Rect(x: 1, y: 5, width: 8, height: 3)])
    }

    static let extremeSizes: [(Int, Int)] = [(0, 0), (1, 1), (2, 80), (80, 2), (300, 100), (1, 300), (3, 3)]
    static let constraintSets: [[Constraint]] = [
        [.fixed(1), .fill(1), .fixed(1)], [.percent(30), .fill(1)], [.min(10), .max(5), .fill(2)],
        [.fixed(100), .fixed(100)], [.percent(200), .percent(-5)], [.fixed(-3), .min(-1)], [],
    ]

    @Test(arguments: extremeSizes)
    func neverNegativeNeverOutside(width: Int, height: Int) {
        let area = Rect(x: 2, y: 3, width: width, height: height)
        for constraints in LayoutTests.constraintSets {
            for axis in [Axis.horizontal, .vertical] {
                for spacing in [0, 1, 5] {
                    for margin in [0, 1, 50] {
                        let rects = Layout(axis, constraints, spacing: spacing, margin: Margin(all: margin)).split(area)
                        #expect(rects.count == constraints.count)
                        for r in rects {
                            #expect(r.width >= 0 && r.height >= 0)
                            #expect(r.x >= area.x && r.y >= area.y)
                            #expect(r.right <= area.right && r.bottom <= area.bottom)
                        }
                    }
                }
            }
        }
    }

    @Test func rectHelpersClamp() {
        let r = Rect(x: 0, y: 0, width: 3, height: 2)
        #expect(r.inset(5).isEmpty)
        #expect(r.inset(5).width == 0)
        #expect(r.centered(width: 10, height: 10) == r)
        #expect(r.intersection(Rect(x: 10, y: 10, width: 2, height: 2)).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -4, height: -1).area == 0)
        #expect(r.row(5).isEmpty)
    }
}
