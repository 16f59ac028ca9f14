import ThawModels
import ThawNN
import ThawTensor

/// Features of a frozen backbone, computed once per example and reused every epoch.
///
/// When everything but the head is frozen, runs in evaluation mode (no BatchNorm batch
/// statistics, no Dropout) and the inputs are not augmented, the backbone maps each example
/// to the same row every time: training the head then only needs those rows. A linear probe
/// on MiniLM goes from a full forward pass per epoch to one in all.
struct FeatureCache {
    private var rows: [Int: [Float]] = [:]
    private(set) var dimension = 0

    /// The feature rows for `indices`, computing (in evaluation mode, without a graph) those
    /// not seen before from `inputs`, whose rows are the same examples in the same order.
    mutating func features(for indices: [Int], inputs: () -> Tensor, backbone: any Backbone,
                           batch: (Tensor) -> BackboneBatch) throws -> Tensor {
        let missing = indices.enumerated().filter { rows[$0.element] == nil }
        if !missing.isEmpty {
            let all = inputs()
            let computed = try withNoGradient {
                let wasTraining = backbone.isTraining
                backbone.setTraining(false)
                defer { backbone.setTraining(wasTraining) }
                return try backbone.features(batch(all))
            }
            dimension = computed.shape[1]
            let values = computed.scalars
            for (position, index) in missing {
                rows[index] = Array(values[(position * dimension)..<((position + 1) * dimension)])
            }
        }
        var out = [Float]()
        out.reserveCapacity(indices.count * dimension)
        for index in indices { out += rows[index]! }
        return Tensor(shape: [indices.count, dimension], scalars: out)
    }

    mutating func removeAll() { rows.removeAll() }
}
