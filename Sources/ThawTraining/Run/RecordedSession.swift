import ThawTrainingAPI

extension TrainingEngine.Session {
    /// A prepared run as every front end (`thaw train`, `thaw pretrain`, the workbench) starts
    /// it: observed by its diagnostics monitor and its recorder — each finding goes to `events`
    /// and into `metrics.jsonl` — and preceded by the AdaBN the experiment may ask for. What a
    /// LogME head fit found is logged before anything else.
    public static func recorded(_ prepared: PreparedRun, recorder: RunRecorder, events: EventQueue) -> Self {
        let monitor = DiagnosticsMonitor(trainer: prepared.trainer, isTransfer: prepared.loadReport != nil,
                                         sourceProbe: prepared.sourceProbe) { report in
            events.post(.diagnostic(report))
            recorder.record(report)
        }
        if let headInit = prepared.headInit { events.post(.log(headInit.summary)) }
        return Self(trainer: prepared.trainer, observers: [monitor, recorder],
                    startCommands: startCommands(prepared.experiment.config, step: prepared.trainer.step))
    }

    /// `freeze.recalibrate_batch_norm` runs AdaBN before a fresh run's first step. A resumed run
    /// (step > 0) skips it: its checkpoint holds the statistics, already moved by training, and
    /// re-estimating them would break the exact continuation.
    static func startCommands(_ config: RunConfig, step: Int) -> [TrainingCommand] {
        config.freeze.recalibrateBatchNorm && step == 0 ? [.recalibrateBatchNorm(batches: BatchNormRecalibration.defaultBatches)] : []
    }
}
