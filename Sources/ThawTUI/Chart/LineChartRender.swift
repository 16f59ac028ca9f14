extension LineChart {
    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let g = theme.glyphs
        var plotArea = area
        if showLegend, area.height >= 5, !series.isEmpty {
            renderLegend(in: area.row(0), into: &buffer, theme: theme)
            plotArea = area.inset(by: Margin(top: 1, right: 0, bottom: 0, left: 0))
        }
        let yRange = yExtent(), xRange = xExtent()
        // Axes only when they leave a usable plot; otherwise the plot takes everything.
        let withAxes = plotArea.width >= 12 && plotArea.height >= 4
        var plot = plotArea
        if withAxes {
            let plotHeight = plotArea.height - 2
            let ticks = yTicks(yRange, target: max(2, plotHeight / 3))
                .filter { yRange.contains($0.value) }
            let labelWidth = min(ticks.map { CharWidth.width(of: $0.label) }.max() ?? 1, plotArea.width / 3)
            plot = Rect(x: plotArea.x + labelWidth + 1, y: plotArea.y, width: plotArea.width - labelWidth - 1, height: plotHeight)
            let axisStyle = Style(fg: .chartAxis)
            for y in plot.y..<plot.bottom { buffer.set(string: g.axisVertical, x: plot.x - 1, y: y, style: axisStyle) }
            var lastRow = Int.min
            for tick in ticks {
                let row = plot.y + cellRow(tick.value, range: yRange, rows: plot.height)
                guard row != lastRow else { continue }
                lastRow = row
                let label = TextLayout.truncate(tick.label, to: labelWidth, ellipsis: g.ellipsis)
                buffer.set(string: label, x: plot.x - 1 - CharWidth.width(of: label), y: row, style: axisStyle)
                buffer.set(string: g.axisTickY, x: plot.x - 1, y: row, style: axisStyle)
            }
            renderXAxis(plot: plot, range: xRange, into: &buffer, theme: theme)
        }
        renderMarkers(plot: plot, range: xRange, into: &buffer, theme: theme)
        var canvas = BrailleCanvas(width: plot.width, height: plot.height, braille: g.brailleEnabled)
        let smoothed = smoothing > 0
        for s in series {
            drawSeries(s.xs, s.ys.map(transform), paint: .role(s.role), flags: smoothed ? .dim : [],
                       x: xRange, y: yRange, on: &canvas)
        }
        if smoothed {
            for s in series {
                let ys = ChartMath.ema(s.ys, beta: smoothing).map(transform)
                drawSeries(s.xs, ys, paint: .role(s.role), flags: [], x: xRange, y: yRange, on: &canvas)
            }
        }
        canvas.render(at: Point(x: plot.x, y: plot.y), into: &buffer, glyphs: g)
    }

    /// Row (0 = top) of a transformed y value in a plot `rows` high.
    func cellRow(_ v: Double, range: ClosedRange<Double>, rows: Int) -> Int {
        let t = (v - range.lowerBound) / (range.upperBound - range.lowerBound)
        return min(max(0, Int(((1 - t) * Double(rows - 1)).rounded())), max(0, rows - 1))
    }

    func drawSeries(_ xs: [Double], _ ys: [Double], paint: Paint, flags: StyleFlags, x: ClosedRange<Double>,
                    y: ClosedRange<Double>, on canvas: inout BrailleCanvas) {
        let columns = canvas.dotWidth, rows = canvas.dotHeight
        guard columns > 0, rows > 0 else { return }
        func dotY(_ v: Double) -> Int {
            let t = (v - y.lowerBound) / (y.upperBound - y.lowerBound)
            // Values outside the robust range are pinned to the edge rather than dropped.
            return min(max(0, Int(((1 - t) * Double(rows - 1)).rounded())), rows - 1)
        }
        let samples = ChartMath.downsample(xs: xs, ys: ys, xRange: x, columns: columns)
        var previous: (column: Int, last: Double)? = nil
        for (column, sample) in samples.enumerated() {
            guard let s = sample else { continue }
            if let p = previous, !s.gapBefore {
                canvas.line(from: Point(x: p.column, y: dotY(p.last)), to: Point(x: column, y: dotY(s.first)),
                            paint: paint, flags: flags)
            }
            canvas.line(from: Point(x: column, y: dotY(s.min)), to: Point(x: column, y: dotY(s.max)),
                        paint: paint, flags: flags)
            previous = (column, s.last)
        }
    }

    func renderXAxis(plot: Rect, range: ClosedRange<Double>, into buffer: inout Buffer, theme: Theme) {
        let g = theme.glyphs
        let axisStyle = Style(fg: .chartAxis)
        let axisY = plot.bottom, labelY = plot.bottom + 1
        buffer.set(string: g.axisCorner + String(repeating: g.axisHorizontal, count: plot.width),
                   x: plot.x - 1, y: axisY, style: axisStyle)
        let sampleLabel = xLabel(range.upperBound, step: 1)
        let target = max(1, plot.width / (CharWidth.width(of: sampleLabel) + 4))
        let (ticks, step) = xTicks(range, target: target)
        let labelRow = Rect(x: plot.x - 1, y: labelY, width: plot.width + 1, height: 1)
        var nextFree = labelRow.x
        for tick in ticks {
            let t = (tick - range.lowerBound) / (range.upperBound - range.lowerBound)
            let col = plot.x + min(plot.width - 1, max(0, Int((t * Double(plot.width * 2 - 1)).rounded()) / 2))
            buffer.set(string: g.axisTickX, x: col, y: axisY, style: axisStyle)
            let label = xLabel(tick, step: step)
            let w = CharWidth.width(of: label)
            let start = min(max(col - w / 2, labelRow.x), labelRow.right - w)
            guard start >= nextFree, start >= labelRow.x else { continue }
            buffer.set(string: label, x: start, y: labelY, style: axisStyle, clip: labelRow)
            nextFree = start + w + 1
        }
        // Axis title at the far right when it fits after the last label.
        let title = xAxis.title
        let titleX = labelRow.right - CharWidth.width(of: title)
        if titleX > nextFree { buffer.set(string: title, x: titleX, y: labelY, style: Style(fg: .muted, flags: .italic)) }
    }

    func renderMarkers(plot: Rect, range: ClosedRange<Double>, into buffer: inout Buffer, theme: Theme) {
        guard !plot.isEmpty else { return }
        let style = Style(fg: .chartMarker)
        for marker in markers where marker.x.isFinite && range.contains(marker.x) {
            let t = (marker.x - range.lowerBound) / (range.upperBound - range.lowerBound)
            let col = plot.x + min(plot.width - 1, Int((t * Double(plot.width * 2 - 1)).rounded()) / 2)
            for y in plot.y..<plot.bottom { buffer.set(string: theme.glyphs.marker, x: col, y: y, style: style) }
            let room = Rect(x: col + 1, y: plot.y, width: plot.right - col - 1, height: 1)
            if room.width >= 3 {
                buffer.set(string: TextLayout.truncate(marker.label, to: room.width, ellipsis: theme.glyphs.ellipsis),
                           x: room.x, y: room.y, style: style, clip: room)
            }
        }
    }

    func renderLegend(in row: Rect, into buffer: inout Buffer, theme: Theme) {
        var spans: [Span] = []
        for (i, s) in series.enumerated() {
            if i > 0 { spans.append(Span("  ")) }
            spans.append(Span(theme.glyphs.legendSwatch, role: s.role))
            let last = s.ys.last { $0.isFinite }.map { " " + AxisTicks.format($0, step: abs($0) / 1000) } ?? ""
            spans.append(Span(" " + s.name + last))
        }
        if smoothing > 0 { spans.append(Span("  ema \(AxisTicks.format(smoothing, step: 0.01))", role: .muted)) }
        if hiddenNonPositive > 0 { spans.append(Span("  \(hiddenNonPositive) \(theme.glyphs.isUnicode ? "≤" : "<=")0 hidden (log)", role: .warning)) }
        let fitted = TextLayout.truncate(spans, to: row.width, ellipsis: theme.glyphs.ellipsis)
        buffer.set(spans: fitted, at: Point(x: row.x, y: row.y), clip: row)
    }
}
