import ThawTensor

/// Random crop after zero padding, and an optional mirror, for `[C, H, W]` (or `[H, W]`)
/// images: the standard light augmentation for small-image fine-tuning.
///
/// The crop is computed as a shifted read rather than by building the padded image, so it
/// costs one pass over the pixels. Padding is 0, i.e. black in the ÷255 pixel scale the
/// readers produce, which is why augmentation runs before normalisation. Per image the
/// generator gives, in order: vertical offset, horizontal offset, then (only if enabled) the
/// flip; a run therefore draws the same numbers for the same configuration.
public struct ImageAugmentation: Sendable, Equatable, Codable {
    public var padding: Int
    public var horizontalFlip: Bool

    public init(padding: Int = 0, horizontalFlip: Bool = false) {
        precondition(padding >= 0, "padding must not be negative")
        self.padding = padding
        self.horizontalFlip = horizontalFlip
    }

    /// Augments every image of a batch of shape `[B, C, H, W]` or `[B, H, W]`.
    public func apply(to batch: Tensor, generator: inout SeededGenerator) -> Tensor {
        precondition(batch.rank == 3 || batch.rank == 4, "augmentation needs [B, C, H, W] or [B, H, W], got \(batch.shape)")
        var values = batch.scalars
        apply(to: &values, featureShape: Array(batch.shape.dropFirst()), generator: &generator)
        return Tensor(shape: batch.shape, scalars: values)
    }

    /// In place on consecutive images of `featureShape` (`[C, H, W]` or `[H, W]`).
    func apply(to values: inout [Float], featureShape: [Int], generator: inout SeededGenerator) {
        precondition(featureShape.count == 2 || featureShape.count == 3,
                     "augmentation needs images of shape [C, H, W] or [H, W], got \(featureShape)")
        let height = featureShape[featureShape.count - 2]
        let width = featureShape[featureShape.count - 1]
        let imageSize = featureShape.reduce(1, *)
        guard imageSize > 0, padding > 0 || horizontalFlip else { return }
        let planes = imageSize / (height * width)
        var scratch = [Float](repeating: 0, count: imageSize)
        values.withUnsafeMutableBufferPointer { buffer in
            scratch.withUnsafeMutableBufferPointer { copy in
                var start = 0
                while start < buffer.count {
                    let dy = DataRandom.below(2 * padding + 1, using: &generator) - padding
                    let dx = DataRandom.below(2 * padding + 1, using: &generator) - padding
                    let flip = horizontalFlip && generator.next() >> 63 == 1
                    for index in 0..<imageSize { copy[index] = buffer[start + index] }
                    for plane in 0..<planes {
                        let base = plane * height * width
                        for y in 0..<height {
                            let sourceY = y + dy
                            for x in 0..<width {
                                // Crop first, then mirror the cropped image (torchvision's order).
                                let sourceX = (flip ? width - 1 - x : x) + dx
                                let inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width
                                buffer[start + base + y * width + x] =
                                    inside ? copy[base + sourceY * width + sourceX] : 0
                            }
                        }
                    }
                    start += imageSize
                }
            }
        }
    }
}
