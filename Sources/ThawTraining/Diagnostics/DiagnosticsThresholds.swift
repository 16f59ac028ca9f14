/// Every number at which a transfer diagnostic speaks up, in one value so that a run's
/// configuration (or a test) can tighten or loosen them, and so that they are documented in
/// one place. The defaults are chosen to raise no false alarm on healthy noisy runs, at the
/// cost of a few steps of delay; each says where it comes from.
public struct DiagnosticsThresholds: Sendable, Equatable, Codable {
    // MARK: Transferability ranking

    /// Metrics whose orderings agree less than this (Kendall τ_b) make the ranking
    /// "uncertain". 0.5 means at most one pair in four is ordered differently.
    public var rankingMinimumAgreement = 0.5

    // MARK: Negative transfer gap (Wang et al., CVPR 2019)

    /// Bootstrap resamples for the NTG interval; 1000 keeps the 2.5 % quantile's Monte Carlo
    /// error well below the interval's width for validation sets of a few hundred examples.
    public var bootstrapResamples = 1000
    /// Two-sided coverage of the NTG interval.
    public var bootstrapConfidence = 0.95
    /// Seed of the bootstrap, so the same evaluation always gives the same interval.
    public var bootstrapSeed: UInt64 = 0x4E54_4721
    /// Evaluations in a row whose whole interval lies above 0 before the warning: one can be
    /// a fluke of the validation sample, and He et al. (ICCV 2019) show the comparison can
    /// still flip as training goes on.
    public var negativeTransferConsecutiveEvaluations = 2
    /// Epochs before the gap counts: early in training either run may be ahead by accident.
    public var negativeTransferMinimumEpochs = 1.0

    // MARK: Divergence

    /// Steps in the short running median that tracks the current loss. A median ignores the
    /// isolated spikes of hard batches; 9 steps lag a real blow-up by about 4 steps.
    public var divergenceFastWindow = 9
    /// Steps in the longer running median whose minimum is the "best level so far".
    public var divergenceSlowWindow = 25
    /// The current loss must exceed this multiple of the best level so far...
    public var divergenceRatio = 3.0
    /// ...and exceed it by this fraction of the starting loss, so that a loss near zero
    /// (where 3× is still tiny) does not count. Chosen on synthetic healthy curves with
    /// 20–60 % multiplicative step noise and loss spikes: zero false alarms, and
    /// growth of ≥ 20 % per step (a ×100 learning rate) is caught within 20 steps.
    public var divergenceMinimumExcess = 0.25

    // MARK: Plateau

    /// Weight of the newest loss in the exponential moving average the plateau rule watches
    /// (about 100 steps of memory).
    public var plateauSmoothing = 0.02
    /// Steps without a significant improvement of the smoothed loss's best value (the
    /// "patience" of ReduceLROnPlateau-style schedulers).
    public var plateauPatience = 200
    /// A significant improvement is at least this relative drop...
    public var plateauMinimumImprovement = 0.01
    /// ...and at least this many standard deviations of the smoothed loss's own noise. With 2,
    /// on synthetic runs under 30–40 % step noise, runs improving ≥ 10 % per 200 steps were
    /// taken for plateaus in ≤ 0.5 % of seeds, while 70 % of 500-step and 90 % of 800-step flat
    /// stretches were reported.
    public var plateauNoiseMultiplier = 2.0
    /// A plateau only matters this far into the planned steps; after that it is convergence.
    public var plateauLatestFraction = 0.8

    // MARK: Overfitting

    /// Consecutive evaluations with a higher validation loss than the one before.
    public var overfittingRisingEvaluations = 2
    /// ...amounting together to at least this relative rise above the best validation loss,
    /// so that evaluation noise at a flat minimum does not count.
    public var overfittingMinimumRise = 0.02

    // MARK: Loss spike after an unfreeze

    /// Steps compared before and after the unfreeze.
    public var unfreezeWindow = 10
    /// The median loss after must exceed the median before by this factor.
    public var unfreezeSpikeRatio = 1.5

    // MARK: Weight drift

    /// A thawed backbone layer drifting this many times the median drift of the thawed
    /// backbone layers stands out...
    public var weightDriftRelativeFactor = 4.0
    /// ...provided its own relative drift ‖θ − θ₀‖/‖θ₀‖ is at least this.
    public var weightDriftMinimum = 0.05
    /// Any thawed backbone layer past this relative drift has moved far from its pretrained
    /// weights whatever the others do.
    public var weightDriftAbsolute = 0.5

    // MARK: Feature distortion (Kumar et al., ICLR 2022)

    /// Linear CKA between current and initial probe-batch features below which the
    /// pretrained features count as distorted.
    public var featureDistortionMinimumCKA = 0.8
    /// Steps since the head was created during which the head counts as "young" (its random
    /// gradients are what distorts the features in LP-FT's analysis).
    public var youngHeadSteps = 500

    // MARK: BatchNorm statistics shift (Li et al., AdaBN, 2016)

    /// Mean over channels of the symmetric KL divergence between the source running
    /// statistics and the target batch statistics, averaged over BatchNorm layers. With equal
    /// variances it is ½d² for means d standard deviations apart, so 0.1 is a shift of about
    /// 0.45 σ (or a variance ratio of about 1.9) in every channel of every layer. The average
    /// over layers dilutes a shift that deeper layers partly absorb: on the bundled
    /// resnet18w8-fashion, Fashion-MNIST itself measures 0.0006 and a subset of its classes
    /// 0.017, while MNIST digits measure 0.17, inverted images 0.26 and images ×0.5 0.16.
    public var batchNormShiftWarning = 0.1

    // MARK: Surgical fine-tuning (Lee et al., ICLR 2023)

    /// The block with the largest relative gradient norm is suggested only when it exceeds
    /// the median block's by this factor.
    public var surgicalMinimumRatio = 1.5

    // MARK: Forgetting (Kirkpatrick et al., PNAS 2017; Li & Hoiem, ECCV 2016)

    /// Drop of the source-task probe accuracy below its value before step 1, in accuracy
    /// units (0.10 = ten percentage points). The probe is a fixed set, so evaluations differ
    /// only by what training did, not by which examples were drawn. On the bundled
    /// smallcnn-mnist04 fine-tuned on the digits 5–9 (sample-data forgetting-digits59.yaml,
    /// 544 probe images) the healthy variants stay within it — lr 0.0003 loses 6.6 points in
    /// three epochs, L2-SP 1.1 — while every layer at lr 0.01 loses 60 points in one epoch.
    public var forgettingDrop = 0.10
    /// Evaluations in a row that must each be that far below: one low evaluation can be the
    /// bounce of a high learning rate that the next evaluation recovers from.
    public var forgettingConsecutiveEvaluations = 2

    public init() {}

    /// The documented defaults.
    public static let standard = DiagnosticsThresholds()
}
