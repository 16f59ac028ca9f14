/// The buffer behind a tensor: a contiguous, row-major block of `Float`.
///
/// A final class so that tensors share buffers cheaply (reshape, detach, parameter reads) and
/// so `isKnownUniquelyReferenced` can tell when a write in place is safe.
///
/// `@unchecked Sendable`: a storage is written only (a) by the op that creates it, before any
/// other reference exists, or (b) through `Parameter`, which copies first unless it holds the
/// only reference. So no two threads can ever observe a write.
public final class TensorStorage: @unchecked Sendable {
    public let count: Int
    let pointer: UnsafeMutablePointer<Float>

    /// Uninitialised memory: every op writes all of its output, so zero-filling would only cost
    /// a second pass over memory.
    init(uninitializedCount count: Int) {
        precondition(count >= 0, "negative element count")
        _ = allocatorTuned
        self.count = count
        // 64-byte alignment keeps SIMD loads and BLAS panels on cache-line boundaries.
        var raw: UnsafeMutableRawPointer?
        let bytes = Swift.max(count, 1) * MemoryLayout<Float>.stride
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
            fatalError("out of memory allocating \(bytes) bytes for a tensor")
        }
        pointer = raw.bindMemory(to: Float.self, capacity: Swift.max(count, 1))
    }

    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    convenience init(copying source: UnsafePointer<Float>, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(from: source, count: count)
    }

    deinit {
        free(pointer)
    }

    var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
