import ThawNN
import ThawTensor

/// ResNet as a zoo backbone: features are the globally pooled stage-4 map, the head is `fc`.
extension ResNet: Backbone {
    public var headPrefixes: [String] { [Self.headPrefix] }

    public func features(_ batch: BackboneBatch) throws -> Tensor {
        let x = try batch.dense(for: "ResNet")
        guard x.rank == 4, x.shape[1] == config.inputChannels, x.shape[2] >= 8, x.shape[3] >= 8 else {
            throw BackboneInputError("ResNet expects images of shape (N, \(config.inputChannels), H, W) with H, W ≥ 8, got \(x.shape)")
        }
        return features(x)
    }

    public func logits(_ batch: BackboneBatch) throws -> Tensor {
        classify(features: try features(batch))
    }

    public func classify(features: Tensor) -> Tensor { fc(features) }

    public var architecture: ArchitectureSpec? { ArchitectureSpec(kind: .resnet, resnet: config) }
}
