import ThawTrainingAPI

/// The engine thread's loop: commands between steps, waiting while idle or paused, and
/// turning a guarded step failure into a pause that names the cause.
struct EngineLoop {
    let session: TrainingEngine.Session
    let events: EventQueue
    private var state: TrainingState = .idle

    init(session: TrainingEngine.Session, events: EventQueue) {
        self.session = session
        self.events = events
    }

    var trainer: Trainer { session.trainer }

    mutating func run(nextCommands: () -> [TrainingCommand], waitForCommand: () -> Void) {
        post(.idle)
        for command in session.startCommands { apply(command) }
        while true {
            for command in nextCommands() { apply(command) }
            switch state {
            case .stopped, .finished, .failed:
                return
            case .idle, .paused:
                waitForCommand()
                continue
            case .running:
                break
            }
            if trainer.isFinished {
                post(.finished)
                return
            }
            step()
        }
    }

    private mutating func step() {
        do {
            let metrics = try trainer.trainStep()
            events.post(.steps([metrics]))
            for observer in session.observers { try observer.trainer(trainer, didStep: metrics) }
            if trainer.epochJustEnded {
                let epoch = try trainer.finishEpoch()
                events.post(.epoch(epoch))
                for observer in session.observers { try observer.trainer(trainer, didFinishEpoch: epoch) }
            }
        } catch let interruption as TrainingInterruption {
            post(.paused(reason: interruption.description))
        } catch {
            post(.failed(reason: "\(error)"))
        }
    }

    private mutating func apply(_ command: TrainingCommand) {
        switch command {
        case .start, .resume:
            if state == .idle || isPaused { post(.running) }
        case .pause:
            if state == .running { post(.paused(reason: nil)) }
        case .stop:
            if state != .finished { post(.stopped) }
        case .setFreezePlan(let plan):
            trainer.setFreezePlan(plan)
            events.post(.log("freeze plan changed: \(plan.frozen.isEmpty ? "nothing frozen" : plan.frozen.joined(separator: ", "))"))
        case .setSchedule(let schedule):
            trainer.schedule = schedule
        case let .setLearningRateScale(group, scale):
            trainer.setLearningRateScale(group: group, scale: scale)
        case .recalibrateBatchNorm(let batches):
            report { try $0.recalibrateBatchNorm(batches: batches) }
        case .restoreBatchNormStatistics:
            report { try $0.restoreBatchNormStatistics() }
        }
    }

    /// Runs a BatchNorm statistics operation and tells the consumer and the observers what it
    /// did. A failure leaves the statistics as they were (see `AdaBN`) and is only logged: the
    /// run itself is unharmed.
    private func report(_ operation: (Trainer) throws -> BatchNormRecalibration) {
        let result: BatchNormRecalibration
        do { result = try operation(trainer) } catch {
            events.post(.log("BatchNorm recalibration failed, statistics unchanged: \(error)"))
            return
        }
        events.post(.batchNormRecalibrated(result))
        for observer in session.observers {
            do { try observer.trainer(trainer, didRecalibrateBatchNorm: result) } catch {
                events.post(.log("observer failed: \(error)"))
            }
        }
    }

    private var isPaused: Bool {
        if case .paused = state { return true }
        return false
    }

    /// Observers first, then the event: when a consumer sees `.finished`, the test
    /// evaluation, the exported model and the summary are already on disk.
    private mutating func post(_ new: TrainingState) {
        state = new
        for observer in session.observers {
            do { try observer.trainer(trainer, didChangeState: new) } catch {
                events.post(.log("observer failed: \(error)"))
            }
        }
        events.post(.state(new))
    }
}
