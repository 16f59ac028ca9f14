import Testing
@testable import ThawMonitor

/// The `--once` table, the transfer comparison and the CSV export.
@Suite struct ReportTests {
    static func series(_ values: [(Double, Double)]) -> TagSeries {
        var series = TagSeries()
        for (step, value) in values { series.append(ScalarPoint(step: step, value: value)) }
        return series
    }

    static func run(_ id: Int, _ name: String, _ tags: [String: [(Double, Double)]]) -> RunSnapshot {
        var data = RunData()
        for (tag, points) in tags { for (step, value) in points { data.append(tag: tag, step: step, value: value) } }
        return RunSnapshot(id: id, name: name, path: "/runs/\(name)", format: .jsonl, files: [], data: data)
    }

    @Test func onceTableHasExactValuesAndTheBestStep() {
        let text = OnceReport.text([Self.run(0, "ft", ["val/acc": [(1, 0.5), (2, 0.75), (3, 0.625)],
                                                         "loss": [(1, Double(Float(0.1))), (2, .nan)]])])
        #expect(text == """
        run ft  (jsonl, 0 files, 2 tags)
          tag      points  last   step  best  step  best-is
          loss     2       nan    2     0.1   1     min
          val/acc  3       0.625  3     0.75  2     max

        """)
    }

    @Test func exactValuesReadBackTheSame() {
        for value in [0.1, Double(Float(0.1)), 1e-7, 123456789.125, -0.0, 3, Double(Float.pi)] {
            #expect(Double(ValueText.exact(value)) == value || Double(Float(ValueText.exact(value))!) == value, "\(value)")
        }
        #expect(ValueText.exact(Double(Float(0.1))) == "0.1")
        #expect(ValueText.exact(2) == "2" && ValueText.step(1e6) == "1000000")
    }

    @Test func comparisonOfAHelpingBackbone() {
        // Pretrained reaches 0.9 early; scratch gets there only at step 500, which the
        // pretrained run has not logged.
        let pretrained = Self.series([(100, 0.8), (200, 0.88), (300, 0.9), (400, 0.9)])
        let scratch = Self.series([(100, 0.5), (200, 0.7), (300, 0.85), (400, 0.89), (500, 0.93)])
        let comparison = TransferComparison(tag: "val/accuracy", pretrained: pretrained, scratch: scratch)
        #expect(comparison.direction == .higherIsBetter)
        #expect(comparison.matches.map(\.step) == [100, 200, 300, 400])
        #expect(comparison.recentCount == 1, "a quarter of 4 matched steps")
        #expect(abs(comparison.recentMeanGap! - 0.01) < 1e-12)
        #expect(comparison.verdict == .pretrainedBetter)
        #expect(comparison.scratchReachedPretrained == 500)
        #expect(comparison.pretrainedReachedScratchBest == nil)
        let lines = comparison.lines(pretrainedName: "ft", scratchName: "sc")
        #expect(lines.first == "val/accuracy (higher is better): ft vs scratch sc, 4 matched steps")
        #expect(lines[2] == "latest gap: 0.01, pretrained ahead")
        #expect(lines.contains("scratch reached pretrained's 0.9 at step 500"))
        #expect(lines.contains("pretrained has not reached scratch's best 0.93"))
        #expect(lines.last == "logs hold no per-example results: no confidence interval")
    }

    @Test func comparisonOfAHurtingBackboneOnALoss() {
        let pretrained = Self.series([(1, 1.0), (2, 0.9), (3, .nan), (4, 0.8)])
        let scratch = Self.series([(1, 0.9), (2, 0.6), (3, 0.5), (4, 0.4)])
        let comparison = TransferComparison(tag: "val_loss", pretrained: pretrained, scratch: scratch)
        #expect(comparison.matches.map(\.step) == [1, 2, 4], "a NaN step is not matched")
        #expect(comparison.verdict == .scratchBetter)
        #expect(comparison.scratchReachedPretrained == 2)
        #expect(comparison.lines(pretrainedName: "a", scratchName: "b")[2].contains("possible negative transfer"))
    }

    @Test func anEarlyLeadThatScratchMadeUpDoesNotCount() {
        // Forty matched steps: pretrained far ahead at first, behind over the last ten.
        let steps = (1...40).map(Double.init)
        let pretrained = Self.series(steps.map { ($0, 0.9) })
        let scratch = Self.series(steps.map { ($0, $0 <= 30 ? 0.5 : 0.92) })
        let comparison = TransferComparison(tag: "val/acc", pretrained: pretrained, scratch: scratch)
        #expect(comparison.recentCount == 5)
        #expect(comparison.verdict == .scratchBetter)
        #expect(comparison.lines(pretrainedName: "a", scratchName: "b")[2] == "mean gap of the last 5 matched steps: -0.02, pretrained behind scratch: possible negative transfer")
    }

    @Test func comparisonWithoutOverlap() {
        let comparison = TransferComparison(tag: "loss", pretrained: Self.series([(1, 1)]), scratch: Self.series([(2, 1)]))
        #expect(comparison.verdict == .noOverlap)
        #expect(comparison.lines(pretrainedName: "a", scratchName: "b")[1] == "no step logged by both runs yet")
    }

    @Test func sharedTagsPutValidationAccuracyFirst() {
        let a = Self.run(0, "a", ["loss": [(1, 1)], "val/loss": [(1, 1)], "val/acc": [(1, 1)], "lr": [(1, 1)], "only-a": [(1, 1)]])
        let b = Self.run(1, "b", ["loss": [(1, 1)], "val/loss": [(1, 1)], "val/acc": [(1, 1)], "lr": [(1, 1)]])
        #expect(TransferComparison.sharedTags(a.data, b.data) == ["val/acc", "val/loss", "loss", "lr"])
    }

    @Test func exportIsLongFormCSV() {
        let csv = MonitorExport.csv([Self.run(0, "a,b", ["loss": [(1, 0.5), (2, .infinity)]])])
        #expect(csv == "run,tag,step,value\n\"a,b\",loss,1,0.5\n\"a,b\",loss,2,inf\n")
    }
}
