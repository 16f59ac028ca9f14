import ThawTrainingAPI

/// Range checks the types cannot express. Returns the first problem as (key path, message).
enum ConfigValidation {
    static func firstProblem(_ c: RunConfig) -> (String, String)? {
        func positive(_ value: Double, _ path: String) -> (String, String)? {
            value.isFinite && value > 0 ? nil : (path, "must be a positive number, got \(value)")
        }
        let checks: [(String, String)?] = [
            c.name.isEmpty || c.name.contains("/") ? ("name", "must be a non-empty name without '/'") : nil,
            c.data.train.isEmpty ? ("data.train", "must name the training file") : nil,
            (0..<1).contains(c.data.split.validation) ? nil : ("data.split.validation", "must be in [0, 1), got \(c.data.split.validation)"),
            (0..<1).contains(c.data.split.test) ? nil : ("data.split.test", "must be in [0, 1), got \(c.data.split.test)"),
            c.data.split.validation + c.data.split.test < 1 ? nil : ("data.split", "validation + test must leave examples to train on"),
            c.data.fewShot.map { $0 >= 1 ? nil : ("data.few_shot", "must be at least 1") } ?? nil,
            c.data.limit.map { $0 >= 1 ? nil : ("data.limit", "must be at least 1") } ?? nil,
            c.data.scale.map { positive($0, "data.scale") } ?? nil,
            c.data.shape.map { $0.allSatisfy { $0 > 0 } && !$0.isEmpty ? nil : ("data.shape", "dimensions must be positive") } ?? nil,
            c.data.augment.map { $0.padding >= 0 ? nil : ("data.augment.padding", "must not be negative") } ?? nil,
            (2...512).contains(c.data.maxLength) ? nil : ("data.max_length", "must be between 2 and 512 tokens"),
            c.backbone.name != nil && c.backbone.path != nil ? ("backbone", "give either name or path, not both") : nil,
            c.backbone.hidden.map { $0.allSatisfy { $0 > 0 } ? nil : ("backbone.hidden", "layer sizes must be positive") } ?? nil,
            positive(c.optimizer.lr, "optimizer.lr"),
            (0..<1).contains(c.optimizer.momentum) ? nil : ("optimizer.momentum", "must be in [0, 1)"),
            c.optimizer.weightDecay >= 0 && c.optimizer.weightDecay.isFinite ? nil : ("optimizer.weight_decay", "must be ≥ 0"),
            c.optimizer.clipNorm.map { positive($0, "optimizer.clip_norm") } ?? nil,
            c.optimizer.l2sp.map { $0 >= 0 && $0.isFinite ? nil : ("optimizer.l2sp", "must be ≥ 0") } ?? nil,
            c.optimizer.nesterov && c.optimizer.kind != .sgd ? ("optimizer.nesterov", "applies to sgd only") : nil,
            c.optimizer.discriminative.map { $0.factor >= 1 ? nil : ("optimizer.discriminative.factor", "must be ≥ 1 (ULMFiT uses 2.6)") } ?? nil,
            c.training.epochs >= 1 ? nil : ("training.epochs", "must be at least 1"),
            c.training.batchSize >= 1 ? nil : ("training.batch_size", "must be at least 1"),
            c.training.evalBatchSize >= 1 ? nil : ("training.eval_batch_size", "must be at least 1"),
            (0..<1).contains(c.training.labelSmoothing) ? nil : ("training.label_smoothing", "must be in [0, 1)"),
            c.training.threads.map { $0 >= 1 ? nil : ("training.threads", "must be at least 1") } ?? nil,
            c.training.checkpointEvery.map { $0 >= 1 ? nil : ("training.checkpoint_every", "must be at least 1 step") } ?? nil,
            c.schedule.warmupSteps >= 0 ? nil : ("schedule.warmup_steps", "must not be negative"),
            c.backbone.headInit == .logme && (c.backbone.scratch || (c.backbone.name == nil && c.backbone.path == nil))
                ? ("backbone.head_init", "logme fits a head on pretrained features; a run from scratch has none") : nil,
            c.diagnostics.sourceProbe != nil && (c.backbone.scratch || (c.backbone.name == nil && c.backbone.path == nil))
                ? ("diagnostics.source_probe", SourceProbe.scratchMessage) : nil,
            c.diagnostics.sourceProbe.map { $0.train.isEmpty ? ("diagnostics.source_probe.train", "must name the probe's file") : nil } ?? nil,
            c.diagnostics.sourceProbe?.limit.map { $0 >= 1 ? nil : ("diagnostics.source_probe.limit", "must be at least 1") } ?? nil,
            c.schedule.schedule(lr: c.optimizer.lr, totalSteps: 1000).validationProblem().map { ("schedule", $0) },
        ]
        return checks.lazy.compactMap { $0 }.first
    }
}
