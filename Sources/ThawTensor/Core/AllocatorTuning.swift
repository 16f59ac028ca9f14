#if canImport(Glibc)
import Glibc

/// Keeps freed tensor buffers in the process instead of returning them to the kernel.
///
/// A training step frees and re-allocates the same large activation buffers every time. With
/// glibc's defaults, buffers above the (adaptive) mmap threshold are unmapped on free and
/// page-faulted back in, zero-filled, on the next step: measured on `cnn-28`, that cost more
/// than a third of the step and doubled peak RSS through fragmentation. Fixing both
/// thresholds makes glibc recycle the blocks. A process-wide setting by nature; applied once,
/// lazily and thread-safely, before the first tensor is allocated.
let allocatorTuned: Bool = {
    // `mallopt` and its constants live in <malloc.h>, which Swift's Glibc module leaves out.
    typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
    let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
    let mallopt = unsafeBitCast(symbol, to: MalloptFunction.self)
    let limit: Int32 = 1 << 30
    return mallopt(mmapThreshold, limit) == 1 && mallopt(trimThreshold, limit) == 1
}()
#else
let allocatorTuned = true
#endif
