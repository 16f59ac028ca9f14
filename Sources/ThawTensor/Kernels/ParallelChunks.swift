import Dispatch

/// Work below this many elements runs inline: waking a second thread costs a few
/// microseconds, about what one core needs to stream 64 K floats.
let parallelWorkThreshold = 1 << 16

/// Runs `body` over `0..<count` cut into at most `threads` contiguous, disjoint chunks.
///
/// Each kernel chooses what it splits so that chunks never write the same element, which
/// keeps results bit-identical for every thread count. `work` (elements touched) decides
/// whether a second thread pays off; the thread count is always the caller's, never global.
@inline(__always)
func forEachChunk(
    of count: Int, threads: Int, work: Int, _ body: (Range<Int>) -> Void
) {
    precondition(threads >= 1, "threads must be at least 1, got \(threads)")
    let chunks = work > parallelWorkThreshold ? min(threads, count) : 1
    if chunks <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let task = ChunkTask(body: body)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            task.body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }
}

/// Carries a kernel's loop body (which captures raw pointers) into `concurrentPerform`.
///
/// `@unchecked Sendable` is sound here because (1) `concurrentPerform` returns only after
/// every iteration has finished, so the closure and the buffers it points into outlive all
/// uses, and (2) it is `forEachChunk`'s contract that `body` writes only elements owned by
/// its own chunk (the window kernels write rows of `cols` or whole (n, c) planes), so no two
/// threads touch the same memory except to read shared inputs. The window-kernel tests run
/// every kernel with 2 threads under `swift test --sanitize=thread` without reports.
private struct ChunkTask: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}
