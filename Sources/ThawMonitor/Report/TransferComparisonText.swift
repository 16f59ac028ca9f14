/// The comparison in words, for the monitor's panel and for `--once`: short lines, each
/// one fact, with numbers in the tag's own units.
extension TransferComparison {
    public func lines(pretrainedName: String, scratchName: String, format: (Double) -> String = ValueText.short) -> [String] {
        let better = direction == .lowerIsBetter ? "lower is better" : "higher is better"
        var lines = ["\(tag) (\(better)): \(pretrainedName) vs scratch \(scratchName), \(matches.count) matched steps"]
        guard let latest = matches.last, let mean = recentMeanGap else {
            lines.append("no step logged by both runs yet")
            return lines + [Self.honesty]
        }
        lines.append("step \(ValueText.step(latest.step)): pretrained \(format(latest.pretrained)), scratch \(format(latest.scratch)), "
            + "gap \(format(latest.gap))")
        let meaning = switch verdict {
        case .pretrainedBetter: "pretrained ahead"
        case .scratchBetter: "pretrained behind scratch: possible negative transfer"
        case .even, .noOverlap: "no difference"
        }
        let recent = recentCount == 1 ? "latest gap" : "mean gap of the last \(recentCount) matched steps"
        lines.append("\(recent): \(format(mean)), \(meaning)")
        if let target = pretrainedLatest {
            let span = scratchLast.map { " in \(ValueText.step($0.step)) steps" } ?? ""
            lines.append(scratchReachedPretrained.map { "scratch reached pretrained's \(format(target.value)) at step \(ValueText.step($0))" }
                ?? "scratch has not reached pretrained's \(format(target.value))\(span)")
        }
        if let best = scratchBest {
            lines.append(pretrainedReachedScratchBest.map { "pretrained reached scratch's best \(format(best.value)) at step \(ValueText.step($0))" }
                ?? "pretrained has not reached scratch's best \(format(best.value))")
        }
        if isApproximate { lines.append("long series: matched among the stored (downsampled) points") }
        return lines + [Self.honesty]
    }

    static let honesty = "logs hold no per-example results: no confidence interval"
}
