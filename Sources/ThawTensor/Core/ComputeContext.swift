/// How ops run on the current thread or task: whether the graph is recorded and how many
/// threads a kernel may use.
///
/// A task-local binding, not a global: `withNoGradient` and `withComputeThreads` scope a value
/// to a closure, nested scopes restore the outer value, and other threads are unaffected.
public struct ComputeContext: Sendable, Equatable {
    public var isGradientEnabled: Bool
    /// Upper bound on threads a single kernel may split across (GEMM and large elementwise
    /// loops). 1 keeps everything on the calling thread.
    public var threads: Int

    public init(isGradientEnabled: Bool = true, threads: Int = 1) {
        self.isGradientEnabled = isGradientEnabled
        self.threads = Swift.max(1, threads)
    }

    @TaskLocal public static var current = ComputeContext()
}

/// Runs `body` without recording the autograd graph (evaluation, feature extraction, optimizer
/// updates).
public func withNoGradient<R>(_ body: () throws -> R) rethrows -> R {
    var context = ComputeContext.current
    context.isGradientEnabled = false
    return try ComputeContext.$current.withValue(context, operation: body)
}

/// Runs `body` letting kernels use up to `threads` threads.
public func withComputeThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
    var context = ComputeContext.current
    context.threads = Swift.max(1, threads)
    return try ComputeContext.$current.withValue(context, operation: body)
}
