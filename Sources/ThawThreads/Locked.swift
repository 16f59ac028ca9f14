import Foundation

/// A value shared between threads behind a pthread mutex (NSLock).
///
/// Not `Synchronization.Mutex`: on Linux it hands a contended lock over through a
/// priority-inheriting futex, whose acquisition ThreadSanitizer cannot see, so every
/// contended access is reported as a race (measured: a 2-thread append/drain loop gives
/// "Swift access race" reports with Mutex and none with this). Our TSan runs (G19) must stay
/// meaningful, so shared state uses a lock the sanitizer understands.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
