import ThawTrainingAPI
import ThawWorkbench

/// Transferability progress as the program would post it for `Fixtures.state()` (job 1):
/// the two image backbones scored, the text backbone skipped. The ranking values are built
/// by hand here (ThawTraining ranks them in the program; this target cannot import it).
enum TransferFixtures {
    static let sample = TransferabilitySample(
        target: "digits.csv", examples: 500, classes: 10, candidates: ["smallcnn-mnist04", "resnet-cifar"],
        skipped: [BackboneTransferability(backbone: "minilm-sms", outcome: .incompatible("reads text, data is numeric"))])

    static let small = TransferabilityScores(backbone: "smallcnn-mnist04", logME: 0.0452, leep: -1.3076, nce: -1.3406, hScore: 3.1362)
    static let resNet = TransferabilityScores(backbone: "resnet-cifar", logME: -0.2338, leep: -1.5497, nce: -1.5309, hScore: 2.4228)
    /// ResNet's source head fits better here, so LEEP disagrees with the other metrics.
    static let resNetBetterHead = TransferabilityScores(backbone: "resnet-cifar", logME: -0.2338, leep: -1.2, nce: -1.5309, hScore: 2.4228)

    static func ranking(_ scores: [TransferabilityScores], meanRanks: [Double], uncertain: String? = nil) -> TransferabilityRanking {
        let rows = scores.enumerated().map { i, s in
            TransferabilityRanking.Row(backbone: s.backbone, logME: s.logME, leep: s.leep, nce: s.nce, hScore: s.hScore, rank: i + 1,
                                       meanRank: meanRanks[i])
        }
        let agreements = [TransferabilityRanking.Agreement(metrics: ["LogME", "LEEP"], kendallTau: uncertain == nil ? 1 : -1,
                                                           leaders: [scores[0].backbone, uncertain == nil ? scores[0].backbone : scores[1].backbone])]
        return TransferabilityRanking(rows: rows, agreements: agreements, isUncertain: uncertain != nil, reason: uncertain)
    }

    static func scored(_ scores: TransferabilityScores, seconds: Double) -> BackboneTransferability {
        BackboneTransferability(backbone: scores.backbone, outcome: .scored(scores), seconds: seconds)
    }

    /// `state` (fresh from `Fixtures.state`) after the job started and `results` arrived.
    static func progressed(_ state: AppState, results: Int, uncertain: Bool = false) -> AppState {
        var state = state
        let job = state.transfer.job
        _ = update(&state, .transferability(.started(job: job, sample)))
        if results >= 1 {
            _ = update(&state, .transferability(.result(job: job, scored(small, seconds: 0.21),
                                                        ranking: ranking([small], meanRanks: [1]))))
        }
        if results >= 2 {
            let second = uncertain ? resNetBetterHead : resNet
            let final = uncertain
                ? ranking([small, second], meanRanks: [1.25, 1.75], uncertain: "LogME favours smallcnn-mnist04 but LEEP favours resnet-cifar")
                : ranking([small, second], meanRanks: [1, 2])
            _ = update(&state, .transferability(.result(job: job, scored(second, seconds: 0.48), ranking: final)))
        }
        state.status = nil
        return state
    }
}
