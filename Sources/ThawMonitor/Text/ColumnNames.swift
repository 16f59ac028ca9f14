/// The column and key names metric logs use for the step and for wall-clock time, which are
/// axes, not metrics.
enum ColumnNames {
    /// Step columns, most specific first (PyTorch Lightning and Hugging Face write `step` or
    /// `global_step`, Weights & Biases `_step`).
    static let step = ["step", "global_step", "_step", "trainer/global_step", "iteration", "iter", "it"]
    /// Used as the step when no step column exists (Keras's CSVLogger logs per epoch).
    static let epoch = "epoch"
    static let time: Set<String> = ["wall_time", "walltime", "wall time", "timestamp", "time", "_timestamp", "_runtime",
                                    "datetime", "date", "created_at"]

    /// The index of the step column among `names`: the first step name present, else `epoch`.
    static func stepIndex(_ names: [String]) -> Int? {
        let lower = names.map { $0.lowercased() }
        for name in step { if let index = lower.firstIndex(of: name) { return index } }
        return lower.firstIndex(of: epoch)
    }

    static func isTime(_ name: String) -> Bool { time.contains(name.lowercased()) }
}
