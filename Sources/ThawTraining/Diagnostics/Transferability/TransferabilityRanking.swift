import ThawTrainingAPI

/// How candidate backbones are ranked (the values are `TransferabilityRanking` in ThawTrainingAPI).
///
/// No single metric is reliable across settings — Ibrahim et al. (arXiv:2110.06893) and Agostinelli
/// et al. ("How stable are transferability metrics evaluations?", ECCV 2022) find rankings by
/// LogME, LEEP, NCE and H-score that flip with small changes of the setup — so the combined
/// order is the mean of the per-metric ranks, and when two metrics order the candidates
/// differently (Kendall τ below a threshold, or a different winner) the table says so rather than
/// presenting a confident pick: a short trial fine-tune of the top candidates then decides.
extension TransferabilityRanking {
    /// Ranks `scores` (one per candidate, distinct names) by the mean rank across the metrics
    /// each has; ties go to the higher LogME, the metric with the strongest published
    /// correlation to fine-tuned accuracy (You et al., ICML 2021).
    public init(scores: [TransferabilityScores], minimumAgreement: Double = DiagnosticsThresholds().rankingMinimumAgreement) throws {
        guard !scores.isEmpty else { throw TransferabilityError.noCandidates }
        let metrics = Self.metricColumns(scores)
        var rankSums = [Double](repeating: 0, count: scores.count)
        var rankCounts = [Double](repeating: 0, count: scores.count)
        for metric in metrics {
            let scored = scores.indices.filter { metric.values[$0] != nil }
            let ranks = descendingRanks(scored.map { metric.values[$0]! })
            for (position, index) in scored.enumerated() {
                rankSums[index] += ranks[position]
                rankCounts[index] += 1
            }
        }
        let meanRanks = zip(rankSums, rankCounts).map { $0 / $1 }
        let order = scores.indices.sorted { a, b in
            if meanRanks[a] != meanRanks[b] { return meanRanks[a] < meanRanks[b] }
            if scores[a].logME != scores[b].logME { return scores[a].logME > scores[b].logME }
            return scores[a].backbone < scores[b].backbone
        }
        let rows = order.enumerated().map { position, index in
            let s = scores[index]
            return Row(backbone: s.backbone, logME: s.logME, leep: s.leep, nce: s.nce, hScore: s.hScore,
                       rank: position + 1, meanRank: meanRanks[index])
        }

        var agreements: [Agreement] = []
        for i in 0..<metrics.count {
            for j in (i + 1)..<metrics.count {
                let both = scores.indices.filter { metrics[i].values[$0] != nil && metrics[j].values[$0] != nil }
                guard both.count >= 2 else { continue }
                let a = both.map { metrics[i].values[$0]! }, b = both.map { metrics[j].values[$0]! }
                guard let tau = kendallTauB(a, b) else { continue }
                let leaders = [a, b].map { column in scores[both[column.indices.max { column[$0] < column[$1] }!]].backbone }
                agreements.append(Agreement(metrics: [metrics[i].name, metrics[j].name], kendallTau: tau, leaders: leaders))
            }
        }
        let split = agreements.first { $0.leaders[0] != $0.leaders[1] }
        let weakest = agreements.min { $0.kendallTau < $1.kendallTau }
        if let split {
            let reason = "\(split.metrics[0]) favours \(split.leaders[0]) but \(split.metrics[1]) favours \(split.leaders[1])"
            self.init(rows: rows, agreements: agreements, isUncertain: true, reason: reason)
        } else if let weakest, weakest.kendallTau < minimumAgreement {
            let reason = "\(weakest.metrics[0]) and \(weakest.metrics[1]) order the candidates differently "
                + "(Kendall τ = \(formatted(weakest.kendallTau)) < \(formatted(minimumAgreement)))"
            self.init(rows: rows, agreements: agreements, isUncertain: true, reason: reason)
        } else {
            self.init(rows: rows, agreements: agreements, isUncertain: false, reason: nil)
        }
    }

    private static func metricColumns(_ scores: [TransferabilityScores]) -> [(name: String, values: [Double?])] {
        var columns: [(name: String, values: [Double?])] = [("LogME", scores.map(\.logME))]
        if scores.contains(where: { $0.leep != nil }) { columns.append(("LEEP", scores.map(\.leep))) }
        if scores.contains(where: { $0.nce != nil }) { columns.append(("NCE", scores.map(\.nce))) }
        columns.append(("H-score", scores.map(\.hScore)))
        return columns
    }

    /// The ranking as a diagnostic card: info when the metrics agree, a warning when they do not.
    public func report(step: Int = 0) -> DiagnosticsReport {
        let best = rows[0]
        let title = isUncertain ? "Backbone ranking is uncertain" : "\(best.backbone) looks most transferable"
        let explanation = isUncertain
            ? "The transferability metrics disagree (\(reason ?? "")), so fine-tune the top candidates briefly before committing to one."
            : "All transferability metrics put \(best.backbone) first, so start with it; its LogME weights can initialise the new head."
        var evidence = [DiagnosticsReport.Evidence("rank", Double(best.rank), detail: nil)]
        for row in rows {
            evidence.append(.init("LogME", row.logME, detail: row.backbone))
            if let leep = row.leep { evidence.append(.init("LEEP", leep, detail: row.backbone)) }
            if let nce = row.nce { evidence.append(.init("NCE", nce, detail: row.backbone)) }
            evidence.append(.init("H-score", row.hScore, detail: row.backbone))
            evidence.append(.init("mean rank", row.meanRank, detail: row.backbone))
        }
        for agreement in agreements {
            evidence.append(.init("Kendall τ", agreement.kendallTau, detail: agreement.metrics.joined(separator: " vs ")))
        }
        return DiagnosticsReport(kind: .transferability, severity: isUncertain ? .warning : .info, step: step, title: title,
                                 explanation: explanation, evidence: evidence,
                                 source: "LogME (You et al., ICML 2021), LEEP (Nguyen et al., ICML 2020), NCE (Tran et al., ICCV 2019), "
                                     + "H-score with shrinkage (Bao et al., ICIP 2019; Ibrahim et al., arXiv:2110.06893)",
                                 actions: isUncertain ? [] : [.linearProbeFirst])
    }
}
