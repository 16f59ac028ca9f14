import Dispatch
import Foundation
import Synchronization
import ThawTensor
import ThawTraining
import ThawTrainingAPI
import ThawWorkbench

/// Performs `Effect.scoreBackbones`: scores the zoo on the target data with the same
/// `BackboneScreening` as `thaw rank`, on a serial background queue, and posts each
/// backbone's result to the inbox as soon as it is known, so the UI thread only ever
/// enqueues work and reads messages. A newer request (or `stop`) cancels the running job
/// between two batches; the serial queue means two jobs never compete for the cores.
final class BackboneScorer: Sendable {
    private let queue: DispatchQueue
    /// The newest job; a job whose number is not this one stops.
    private let generation = Atomic<Int>(0)

    /// `queue` is where the scoring runs (tests pass a suspended one to show that nothing runs on the caller).
    init(queue: DispatchQueue = DispatchQueue(label: "thaw.workbench.transferability", qos: .utility)) {
        self.queue = queue
    }

    func start(_ request: TransferabilityRequest, zoo: ZooCatalog, base: URL, threads: Int, inbox: Inbox<Msg>) {
        let mine = generation.add(1, ordering: .acquiringAndReleasing).newValue
        queue.async { [self] in
            let cancelled = { self.generation.load(ordering: .acquiring) != mine }
            guard !cancelled() else { return }
            do {
                let entries = zoo.discover().entries
                guard !entries.isEmpty else {
                    inbox.post(.transferability(.unavailable(job: request.job, reason: "no backbones found")))
                    return
                }
                let screening = try BackboneScreening(entries: entries, data: request.data, seed: request.seed, base: base, limit: request.limit)
                guard !cancelled() else { return }
                inbox.post(.transferability(.started(job: request.job, screening.sample)))
                _ = try withComputeThreads(threads) {
                    try screening.run(isCancelled: cancelled) { outcome, ranking in
                        inbox.post(.transferability(.result(job: request.job, outcome, ranking: ranking)))
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                if !cancelled() { inbox.post(.transferability(.unavailable(job: request.job, reason: "\(error)"))) }
            }
        }
    }

    /// Cancels the running job (at its next batch) and any queued one.
    func stop() {
        generation.add(1, ordering: .acquiringAndReleasing)
    }
}
