import Foundation

/// Busy-loop threads that keep every core loaded while a test runs something beside them (to show
/// that a result does not depend on how fast the machine happens to be).
///
/// `@unchecked Sendable`: the only mutable state, `running`, is read and written under `lock`.
public final class CPULoad: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    /// Iterations the threads spun, summed as they stop (kept so the loop cannot be optimised away).
    private var spins: UInt64 = 0
    private let stopped = DispatchGroup()

    /// Starts `threads` busy loops (default: one per active core).
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        for _ in 0..<max(1, threads) {
            stopped.enter()
            let thread = Thread { [self] in
                var count: UInt64 = 0
                while isRunning {
                    for _ in 0..<100_000 { count &+= 1 }
                }
                lock.withLock { spins &+= count }
                stopped.leave()
            }
            thread.start()
        }
    }

    private var isRunning: Bool { lock.withLock { running } }

    /// Stops the loops and waits for their threads to end.
    public func stop() {
        lock.withLock { running = false }
        stopped.wait()
    }

    /// Runs `body` while `threads` busy loops load the CPU.
    public static func during<T>(threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: () throws -> T) rethrows -> T {
        let load = CPULoad(threads: threads)
        defer { load.stop() }
        return try body()
    }
}
