import Foundation
import Testing
@testable import ThawTUI

@Suite struct BrailleCanvasTests {
    @Test func dotBitsFollowTheUnicodeNumbering() {
        // Dots 1-2-3-7 run down the left column, 4-5-6-8 down the right.
        let expected: [(Int, Int, UInt32)] = [(0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (1, 0, 0x08),
                                               (1, 1, 0x10), (1, 2, 0x20), (0, 3, 0x40), (1, 3, 0x80)]
        for (x, y, bit) in expected {
            var canvas = BrailleCanvas(width: 1, height: 1)
            canvas.set(x: x, y: y, paint: .role(.primary))
            #expect(canvas.symbol(cellX: 0, cellY: 0, glyphs: .unicode) == String(Character(Unicode.Scalar(0x2800 + bit)!)))
        }
    }

    @Test func dotsLandInTheRightCell() {
        var canvas = BrailleCanvas(width: 3, height: 2)
        canvas.set(x: 5, y: 7, paint: .role(.primary))  // last dot of the last cell
        canvas.set(x: 2, y: 0, paint: .role(.primary))  // first dot of cell (1, 0)
        canvas.set(x: 6, y: 0, paint: .role(.primary))  // out of range: ignored
        #expect(canvas.symbol(cellX: 2, cellY: 1, glyphs: .unicode) == "⢀")
        #expect(canvas.symbol(cellX: 1, cellY: 0, glyphs: .unicode) == "⠁")
        #expect(canvas.symbol(cellX: 0, cellY: 0, glyphs: .unicode) == nil)
        #expect(canvas.isSet(x: 5, y: 7) && !canvas.isSet(x: 4, y: 7))
    }

    @Test func fullCellIsAllDots() {
        var canvas = BrailleCanvas(width: 1, height: 1)
        for x in 0..<2 { for y in 0..<4 { canvas.set(x: x, y: y, paint: .role(.primary)) } }
        #expect(canvas.symbol(cellX: 0, cellY: 0, glyphs: .unicode) == "⣿")
    }

    @Test func lastSeriesColoursTheCell() {
        var canvas = BrailleCanvas(width: 1, height: 1)
        canvas.set(x: 0, y: 0, paint: .role(.chartSeries1), flags: .dim)
        canvas.set(x: 1, y: 3, paint: .role(.chartSeries2))
        var buffer = Buffer(width: 1, height: 1)
        canvas.render(at: Point(x: 0, y: 0), into: &buffer, glyphs: .unicode)
        #expect(buffer[0, 0].fg == .role(.chartSeries2))
        #expect(buffer[0, 0].flags == [])
        #expect(buffer[0, 0].symbol == "⢁")
    }

    @Test func lineIsContinuous() {
        var canvas = BrailleCanvas(width: 4, height: 2)
        canvas.line(from: Point(x: 0, y: 7), to: Point(x: 7, y: 0), paint: .role(.primary))
        for x in 0..<8 { #expect(canvas.isSet(x: x, y: 7 - x)) }
    }

    @Test func asciiModeIsOneDotPerCell() {
        var canvas = BrailleCanvas(width: 3, height: 2, braille: false)
        #expect(canvas.dotWidth == 3 && canvas.dotHeight == 2)
        canvas.set(x: 1, y: 1, paint: .role(.primary))
        #expect(canvas.symbol(cellX: 1, cellY: 1, glyphs: .ascii) == "*")
    }
}

@Suite struct ChartMathTests {
    @Test func emaMatchesHandComputedDebiasedValues() {
        // β = 0.5, x = [1, 2, 3]:
        // s1 = 0.5·0 + 0.5·1 = 0.5     → 0.5 / (1 − 0.5)   = 1
        // s2 = 0.5·0.5 + 0.5·2 = 1.25  → 1.25 / (1 − 0.25) = 5/3
        // s3 = 0.5·1.25 + 0.5·3 = 2.125 → 2.125 / (1 − 0.125) = 17/7
        let s = ChartMath.ema([1, 2, 3], beta: 0.5)
        #expect(abs(s[0] - 1) < 1e-12)
        #expect(abs(s[1] - 5.0 / 3) < 1e-12)
        #expect(abs(s[2] - 17.0 / 7) < 1e-12)
    }

    @Test func emaSkipsNonFiniteWithoutPoisoning() {
        let s = ChartMath.ema([1, .nan, 2], beta: 0.5)
        #expect(s[1].isNaN)
        #expect(abs(s[2] - 5.0 / 3) < 1e-12)  // the NaN neither updates s nor advances t
        #expect(ChartMath.ema([4, 4, 4], beta: 0.9).allSatisfy { abs($0 - 4) < 1e-9 })  // debiased: no pull to 0
        #expect(ChartMath.ema([1, 2], beta: 0) == [1, 2])
    }

    @Test func robustRangeIgnoresSpikesAndNonFinite() {
        var values = (0..<200).map { Double($0 % 10) }
        values[50] = 1e6
        values[51] = .nan
        values[52] = -.infinity
        let range = ChartMath.robustRange(values)!
        #expect(range.upperBound < 20)
        #expect(range.lowerBound < 0 && range.lowerBound > -1)
        #expect(ChartMath.robustRange([.nan]) == nil)
        let flat = ChartMath.robustRange([3, 3, 3])!
        #expect(flat.contains(3) && flat.upperBound > flat.lowerBound)
    }

    @Test func downsampleKeepsExtremes() {
        let ys = (0..<1000).map { $0 == 501 ? 50.0 : ($0 == 700 ? -40 : 1.0) }
        let xs = ys.indices.map(Double.init)
        let columns = ChartMath.downsample(xs: xs, ys: ys, xRange: 0...999, columns: 10)
        #expect(columns.count == 10)
        #expect(columns[5]?.max == 50)
        #expect(columns[7]?.min == -40)
        #expect(columns.compactMap { $0 }.map(\.max).max() == 50)
    }

    @Test func downsampleMarksGaps() {
        let columns = ChartMath.downsample(xs: [0, 1, 2, 3], ys: [1, .nan, 2, 3], xRange: 0...3, columns: 4)
        #expect(columns[1] == nil)
        #expect(columns[2]?.gapBefore == true)
        #expect(columns[3]?.gapBefore == false)
    }

    @Test func niceTicks() {
        #expect(AxisTicks.linear(0...10, target: 5).ticks == [0, 2, 4, 6, 8, 10])
        #expect(AxisTicks.linear(0.13...0.71, target: 3).step == 0.2)
        #expect(AxisTicks.log(-3...1, target: 10) == [-3, -2, -1, 0, 1])
        #expect(AxisTicks.log(-6...2, target: 3).count <= 4)
        #expect(AxisTicks.format(12_500, step: 500) == "12.5k")
        #expect(AxisTicks.format(0.25, step: 0.05) == "0.25")
        #expect(AxisTicks.format(0.0001, step: 0.0001) == "1e-4")
        #expect(AxisTicks.formatLog(-4) == "1e-4")
        #expect(AxisTicks.formatLog(2) == "100")
        #expect(AxisTicks.formatDuration(150) == "2m30s")
        #expect(AxisTicks.formatDuration(3900) == "1h05m")
        #expect(AxisTicks.time(0...600, target: 4).step == 300)
    }
}

@Suite struct LineChartTests {
    func plotText(_ chart: LineChart, width: Int = 40, height: Int = 10) -> Buffer {
        render(chart, width: width, height: height)
    }

    @Test func nanLeavesAGap() {
        // Steps 16…25 are NaN: on a 20-cell (40-dot) canvas that is cells ~7…12, which stay empty.
        let ys = (0..<40).map { (15..<25).contains($0) ? Double.nan : 1.0 }
        let chart = LineChart(series: [ChartSeries(name: "a", values: ys, colorIndex: 0)], showLegend: false)
        var canvasOnly = Buffer(width: 20, height: 3)
        chart.render(in: canvasOnly.area, into: &canvasOnly, theme: .default)  // too small for axes
        let columnsWithDots = (0..<20).filter { x in (0..<3).contains { canvasOnly[x, $0].symbol != " " } }
        #expect(!columnsWithDots.contains(9))
        #expect(columnsWithDots.contains(2) && columnsWithDots.contains(17))
    }

    @Test func logScaleHidesNonPositiveAndSaysSo() {
        let chart = LineChart(series: [ChartSeries(name: "loss", values: [10, 1, 0, -5, 0.1, 0.01], colorIndex: 0)],
                              yScale: .log)
        #expect(chart.hiddenNonPositive == 2)
        let range = chart.yExtent()
        #expect(range.lowerBound < -2 && range.upperBound > 1)
        let text = plotText(chart).render()
        #expect(text.contains("2 ≤0 hidden"))
        #expect(text.contains("100") || text.contains("10"))
    }

    @Test func allNaNOrEmptyDoesNotCrash() {
        for series in [[], [Double.nan, .nan], [.infinity], [5]] {
            let chart = LineChart(series: [ChartSeries(name: "s", values: series, colorIndex: 3)], yScale: .log, smoothing: 0.9)
            _ = plotText(chart)
            _ = plotText(chart, width: 3, height: 2)
        }
        _ = plotText(LineChart(series: []))
    }

    @Test func seriesKeepTheirColourIndex() {
        let a = ChartSeries(name: "a", values: [1, 2, 3], colorIndex: 4)
        #expect(a.role == .chartSeries5)
        #expect(ThemeRole.chartSeries(9) == .chartSeries2)
        let buffer = plotText(LineChart(series: [a], showLegend: false), width: 20, height: 6)
        let colours = Set(buffer.cells.filter { ($0.symbol.unicodeScalars.first?.value ?? 0) >= 0x2800 && ($0.symbol.unicodeScalars.first?.value ?? 0) < 0x2900 }.map(\.fg))
        #expect(colours == [.role(.chartSeries5)])
    }

    @Test func smoothingDrawsRawFaintUnderneath() {
        let ys = (0..<100).map { $0 % 2 == 0 ? 1.0 : 3.0 }
        let buffer = plotText(LineChart(series: [ChartSeries(name: "a", values: ys, colorIndex: 0)], smoothing: 0.9), width: 40, height: 12)
        let flags = Set(buffer.cells.filter { $0.fg == .role(.chartSeries1) && $0.symbol != " " && $0.symbol != "━━" }.map(\.flags))
        #expect(flags.contains(.dim))
        #expect(flags.contains([]))
    }

    @Test func markersAndWallTimeAxis() {
        let xs = (0..<50).map { Double($0) * 30 }
        let chart = LineChart(series: [ChartSeries(name: "acc", xs: xs, ys: xs.map { $0 / 1500 }, colorIndex: 0)],
                              xAxis: .wallTime, markers: [ChartMarker(x: 600, label: "unfreeze")])
        let text = plotText(chart, width: 60, height: 12).render()
        #expect(text.contains("unfreeze"))
        #expect(text.contains("┊"))
        #expect(text.contains("10m") || text.contains("20m"))
    }
}
