import Foundation
import Testing
import ThawTensor
@testable import ThawTraining

/// Normalisation statistics and image augmentation.
@Suite struct DataTransformTests {
    @Test func perChannelStatistics() {
        // 2 examples of [2, 1, 2]: channel 0 holds 1, 3, 5, 7; channel 1 holds 10 four times.
        let data = Dataset(featureShape: [2, 1, 2], features: [1, 3, 10, 10, 5, 7, 10, 10],
                           labels: [0, 0], classNames: ["x"])
        let norm = Normalization.fit(on: data)
        #expect(norm.mean == [4, 10])
        #expect(abs(norm.std[0] - Float(5.0.squareRoot())) < 1e-6)   // population variance 5
        #expect(norm.std[1] == 1, "a constant channel must not divide by zero")
        let batch = norm.apply(to: Tensor(shape: [1, 2, 1, 2], scalars: [4, 6, 10, 12]))
        #expect(batch.shape == [1, 2, 1, 2])
        #expect(batch.scalars[0] == 0 && batch.scalars[2] == 0 && batch.scalars[3] == 2)
    }

    @Test func flatFeaturesAreStandardisedOneByOne() {
        let data = Dataset(featureShape: [3], features: [0, 1, 2, 2, 1, 4], labels: [0, 0], classNames: ["x"])
        let norm = Normalization.fit(on: data)
        #expect(Normalization.channelCount(of: [3]) == 3 && Normalization.channelCount(of: [1, 8, 8]) == 1)
        #expect(norm.mean == [1, 1, 3])
        #expect(norm.std == [1, 1, 1])
    }

    @Test func normalizationRoundTripsAndRejectsBadFiles() throws {
        let norm = Normalization(mean: [0.1307], std: [0.3081])
        let data = try JSONEncoder().encode(norm)
        #expect(try JSONDecoder().decode(Normalization.self, from: data) == norm)
        for bad in [#"{"mean":[0],"std":[0]}"#, #"{"mean":[0,1],"std":[1]}"#, #"{"mean":[],"std":[]}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Normalization.self, from: Data(bad.utf8)) }
        }
    }

    static var image: Tensor { Tensor(shape: [2, 1, 3, 3], scalars: (1...18).map(Float.init)) }

    @Test func augmentationIsDeterministicForASeed() {
        let augmentation = ImageAugmentation(padding: 2, horizontalFlip: true)
        var g1 = SeededGenerator(seed: 9)
        var g2 = SeededGenerator(seed: 9)
        var g3 = SeededGenerator(seed: 10)
        let a = augmentation.apply(to: Self.image, generator: &g1)
        #expect(a.scalars == augmentation.apply(to: Self.image, generator: &g2).scalars)
        #expect(g1 == g2)
        let many = (0..<8).map { _ in augmentation.apply(to: Self.image, generator: &g3).scalars }
        #expect(Set(many.map { $0.map(\.bitPattern) }).count > 1)
    }

    @Test func noPaddingNoFlipIsIdentity() {
        var generator = SeededGenerator(seed: 1)
        let out = ImageAugmentation().apply(to: Self.image, generator: &generator)
        #expect(out.scalars == Self.image.scalars)
    }

    /// Every output image is the input shifted by (dy, dx) ∈ [-p, p]², zero-filled, and
    /// possibly mirrored: check one of those candidates matches exactly.
    @Test func cropIsAZeroFilledShiftAndFlipIsAMirror() {
        let (p, h, w) = (1, 3, 3)
        let augmentation = ImageAugmentation(padding: p, horizontalFlip: true)
        var generator = SeededGenerator(seed: 123)
        var seenFlip = false, seenShift = false
        for _ in 0..<20 {
            let out = augmentation.apply(to: Self.image, generator: &generator).scalars
            for n in 0..<2 {
                let input = Array(Self.image.scalars[(n * 9)..<(n * 9 + 9)])
                let result = Array(out[(n * 9)..<(n * 9 + 9)])
                var matched = false
                for dy in -p...p {
                    for dx in -p...p {
                        for flip in [false, true] {
                            let candidate = (0..<(h * w)).map { i -> Float in
                                let (y, x) = (i / w, i % w)
                                let (sy, sx) = (y + dy, (flip ? w - 1 - x : x) + dx)
                                return (0..<h).contains(sy) && (0..<w).contains(sx) ? input[sy * w + sx] : 0
                            }
                            if candidate == result {
                                matched = true
                                if flip && candidate != input { seenFlip = true }
                                if dy != 0 || dx != 0 { seenShift = true }
                            }
                        }
                    }
                }
                #expect(matched, "image \(n) is not a shifted/mirrored copy: \(result)")
            }
        }
        #expect(seenFlip && seenShift)
    }
}
