import Dispatch
import Foundation

/// Independent jobs on up to a given number of threads, their results in job order: which thread
/// ran a job, and when, never changes what a caller gets back, so a deterministic job gives a
/// deterministic result however the threads are timed.
///
/// The jobs share no mutable state the caller did not make thread-safe: each is given its own
/// index and builds its own values. The task-local progress reporter and stage-timing collector
/// of the calling task are bound again on each worker thread (a `Thread` is not a task and does
/// not inherit them).
enum _ParallelRuns {
    /// Jobs 0..<count.
    static func map<T>(count: Int, threads: Int, _ job: @escaping (Int) -> T) -> [T] {
        map(threads: threads, maximum: count, admitting: { _ in true }, job)
    }

    /// Jobs 0, 1, 2, ... handed out in order while `admits(index)` says yes (asked once per index,
    /// under the queue's lock, so the indices run are always a prefix 0..<n), at most `maximum`.
    /// The results are those of the jobs run, in index order.
    static func map<T>(threads: Int, maximum: Int, admitting admits: @escaping (Int) -> Bool,
                       _ job: @escaping (Int) -> T) -> [T] {
        let shared = _JobBox(job: job, maximum: maximum, admits: admits)
        guard threads > 1, maximum > 1 else {
            shared.drain()
            return shared.results
        }
        let progress = PlanProgress.current
        let timings = StageTimings.current
        let done = DispatchSemaphore(value: 0)
        let workers = min(threads, maximum) - 1
        for index in 0..<workers {
            let thread = Thread {
                PlanProgress.$current.withValue(progress) {
                    StageTimings.$current.withValue(timings) { shared.drain() }
                }
                done.signal()
            }
            thread.name = "search-\(index + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        shared.drain()
        for _ in 0..<workers { done.wait() }
        return shared.results
    }
}

/// The jobs' queue and result slots. `@unchecked Sendable`: `next`, `closed` and `slots` are
/// touched only under `lock`; `job` is called concurrently, which `_ParallelRuns.map`'s callers
/// allow by giving jobs that share nothing mutable except thread-safe objects.
private final class _JobBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private let job: (Int) -> T
    private let maximum: Int
    private let admits: (Int) -> Bool
    private var slots: [T?] = []
    private var next = 0
    /// Set once `admits` refused an index: no later index runs.
    private var closed = false

    init(job: @escaping (Int) -> T, maximum: Int, admits: @escaping (Int) -> Bool) {
        self.job = job
        self.maximum = maximum
        self.admits = admits
    }

    /// Runs jobs until none is left.
    func drain() {
        while true {
            let taken: Int? = lock.withLock {
                guard !closed, next < maximum, admits(next) else {
                    closed = true
                    return nil
                }
                slots.append(nil)
                next += 1
                return next - 1
            }
            guard let index = taken else { return }
            let result = job(index)
            lock.withLock { slots[index] = result }
        }
    }

    /// Every slot, once every worker has drained.
    var results: [T] { lock.withLock { slots.map { $0! } } }
}
