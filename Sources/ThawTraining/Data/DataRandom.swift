import ThawTensor

/// The random draws behind splits, shuffles and augmentation, written out here rather than
/// taken from `Int.random(in:using:)` or `shuffle(using:)`: the standard library does not
/// promise those algorithms stay the same across Swift releases, and a saved split or a
/// resumed run must draw the same numbers on every toolchain.
enum DataRandom {
    /// Purposes, so that the same user seed gives independent streams for each use.
    enum Stream: UInt64 {
        case split = 0x5350_4C49
        case fewShot = 0x4645_5753
        case order = 0x4F52_4445
        case augment = 0x4155_474D
        /// The sample BatchNorm statistics passes (shift diagnostic, AdaBN) read.
        case statistics = 0x424E_5354
    }

    /// A seed for `stream` from the user's seed and any counters (epoch, batch index), so a
    /// given epoch or batch can be recreated without replaying the ones before it.
    static func seed(_ base: UInt64, _ stream: Stream, _ counters: Int...) -> UInt64 {
        var state = mix(base ^ stream.rawValue)
        for counter in counters { state = mix(state ^ UInt64(bitPattern: Int64(counter))) }
        return state
    }

    /// SplitMix64's finaliser: a bijection that spreads every input bit over the output.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` without modulo bias (Lemire's multiply-and-reject).
    static func below(_ bound: Int, using generator: inout SeededGenerator) -> Int {
        precondition(bound > 0, "empty range")
        let range = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = generator.next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A uniformly random permutation of `0..<count` (Fisher–Yates).
    static func permutation(_ count: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        var index = count - 1
        while index > 0 {
            order.swapAt(index, below(index + 1, using: &generator))
            index -= 1
        }
        return order
    }
}
