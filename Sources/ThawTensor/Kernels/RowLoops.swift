/// Short-row primitives for the im2col loops.
///
/// Convolution rows are 7–112 floats long. At those lengths a call to memcpy/memset (which
/// the optimiser substitutes for plain loops) or an auto-vectorised loop with its alias
/// check and up-to-7-element scalar tail costs as much as the data movement itself, so
/// these spell out 8- and 4-wide vector steps and leave at most 3 scalar elements.
/// Every lane does exactly the scalar operation, so results are bitwise those of a plain loop.
enum RowLoops {
    /// `destination[k] += source[k]` for `k < count`; the two ranges must not overlap.
    @inline(__always)
    static func add(
        _ destination: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int
    ) {
        let target = UnsafeMutableRawPointer(destination)
        let origin = UnsafeRawPointer(source)
        var byte = 0
        let end = count * 4
        while byte + 32 <= end {
            let sum = target.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self)
                + origin.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self)
            target.storeBytes(of: sum, toByteOffset: byte, as: SIMD8<Float>.self)
            byte += 32
        }
        if byte + 16 <= end {
            let sum = target.loadUnaligned(fromByteOffset: byte, as: SIMD4<Float>.self)
                + origin.loadUnaligned(fromByteOffset: byte, as: SIMD4<Float>.self)
            target.storeBytes(of: sum, toByteOffset: byte, as: SIMD4<Float>.self)
            byte += 16
        }
        var k = byte / 4
        while k < count {
            destination[k] += source[k]
            k += 1
        }
    }

    /// `destination[k] = source[k]` for `k < count`; long runs go to memcpy, which wins there.
    @inline(__always)
    static func copy(
        _ destination: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int
    ) {
        if count >= 256 {
            destination.update(from: source, count: count)
            return
        }
        let target = UnsafeMutableRawPointer(destination)
        let origin = UnsafeRawPointer(source)
        var byte = 0
        let end = count * 4
        while byte + 32 <= end {
            target.storeBytes(
                of: origin.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self),
                toByteOffset: byte, as: SIMD8<Float>.self)
            byte += 32
        }
        if byte + 16 <= end {
            target.storeBytes(
                of: origin.loadUnaligned(fromByteOffset: byte, as: SIMD4<Float>.self),
                toByteOffset: byte, as: SIMD4<Float>.self)
            byte += 16
        }
        var k = byte / 4
        while k < count {
            destination[k] = source[k]
            k += 1
        }
    }

    /// Zeroes `count` floats: the 0–3 element edge runs of a padded row without a memset
    /// call, longer runs (whole padding rows) with one.
    @inline(__always)
    static func zero(_ destination: UnsafeMutablePointer<Float>, _ count: Int) {
        if count > 3 {
            destination.update(repeating: 0, count: count)
            return
        }
        if count > 0 { destination[0] = 0 }
        if count > 1 { destination[1] = 0 }
        if count > 2 { destination[2] = 0 }
    }

    /// `destination[k] = source[2k]` for `k < count`: the stride-2 row of a strided convolution.
    ///
    /// Vector loads take 16 floats and keep the even lanes. No load may reach past
    /// `source[2·count − 2]` (the last element the row owns), so the final group is loaded one
    /// element early and keeps the odd lanes instead, rewriting a few outputs with equal values.
    @inline(__always)
    static func gatherEven(
        _ destination: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int
    ) {
        let origin = UnsafeRawPointer(source)
        let target = UnsafeMutableRawPointer(destination)
        @inline(__always) func load8(_ index: Int) -> SIMD8<Float> {
            origin.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
        }
        @inline(__always) func store8(_ value: SIMD8<Float>, _ index: Int) {
            target.storeBytes(of: value, toByteOffset: index * 4, as: SIMD8<Float>.self)
        }
        var k = 0
        while k + 9 <= count {  // reads source[2k ..< 2k + 16]
            store8(SIMD8(lowHalf: load8(2 * k).evenHalf, highHalf: load8(2 * k + 8).evenHalf), k)
            k += 8
        }
        if k == count { return }
        if count >= 9 {
            // Outputs count−8 ..< count from source[2·count − 17 ..< 2·count − 1].
            let last = 2 * count - 17
            let odd = SIMD8(lowHalf: load8(last).oddHalf, highHalf: load8(last + 8).oddHalf)
            store8(odd, count - 8)
            return
        }
        while k < count {
            destination[k] = source[2 * k]
            k += 1
        }
    }

    /// `destination[2k] += source[k]` for `k < count`, the adjoint of `gatherEven`.
    ///
    /// Vectors cover 16 destination floats and blend the sums into the even lanes only, so odd
    /// elements are stored back bit-for-bit unchanged; they stay inside the row's own span
    /// (`destination[0 ..< 2·count − 1]`), which only the calling thread writes.
    @inline(__always)
    static func scatterAddEven(
        _ destination: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int
    ) {
        let target = UnsafeMutableRawPointer(destination)
        let origin = UnsafeRawPointer(source)
        let even = SIMD8<Float>(1, 0, 1, 0, 1, 0, 1, 0) .== 1
        @inline(__always) func addEven(_ addend: SIMD8<Float>, at index: Int) {
            let old = target.loadUnaligned(fromByteOffset: index * 4, as: SIMD8<Float>.self)
            target.storeBytes(
                of: old.replacing(with: old + addend, where: even),
                toByteOffset: index * 4, as: SIMD8<Float>.self)
        }
        var k = 0
        while k + 9 <= count {  // touches destination[2k ..< 2k + 16]
            let v = origin.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
            addEven(SIMD8(v[0], 0, v[1], 0, v[2], 0, v[3], 0), at: 2 * k)
            addEven(SIMD8(v[4], 0, v[5], 0, v[6], 0, v[7], 0), at: 2 * k + 8)
            k += 8
        }
        while k < count {
            destination[2 * k] += source[k]
            k += 1
        }
    }
}
