import Dispatch
import Foundation

/// Runs GLPK work on a fresh Foundation `Thread`, one per solve.
///
/// Why a dedicated thread: GLPK keeps its environment (memory, hooks, error state) in
/// thread-local storage and a problem must be created, solved and deleted on one thread. Swift
/// tasks may hop threads at any suspension point and pool threads are reused, so neither is a
/// safe home. The guard frees the thread's GLPK environment before the body returns, and the
/// thread exits right after, so no GLPK state outlives a solve and concurrent solves never share
/// an environment.
enum _SolverThread {
    /// GLPK is not deeply recursive, but secondary threads default to 512 KiB on Darwin; use the
    /// Linux main-thread default everywhere.
    static let stackSize = 8 << 20

    /// Runs `body` on a new thread and blocks the caller until it returns.
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () -> T) -> T {
        let slot = _HandoffSlot<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            slot.put(body())
            done.signal()
        }
        thread.name = name
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return slot.take()
    }

    /// Runs `body` on a new thread and suspends (without blocking a cooperative thread) until it
    /// returns.
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.stackSize = stackSize
            thread.start()
        }
    }
}

/// A one-value mailbox from the solver thread to the blocked caller.
///
/// `@unchecked Sendable` is sound because `value` is only touched under `lock`, and the protocol
/// is write-once (solver thread, before `signal()`) then read-once (caller, after `wait()`
/// returns). The lock also gives the memory ordering, independently of the semaphore.
final class _HandoffSlot<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?

    func put(_ newValue: T) {
        lock.lock()
        defer { lock.unlock() }
        value = newValue
    }

    func take() -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let value else { preconditionFailure("_HandoffSlot read before the solver thread wrote it") }
        return value
    }
}
