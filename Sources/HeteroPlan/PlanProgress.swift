import Dispatch
import Foundation

/// Progress of a planning run, as lines on standard error: which stage it is in and, during
/// refinement, how many list-schedule evaluations it has made of its budget. Bound to
/// `PlanProgress.current` (a task-local value) by the CLI; stages report through
/// `StageTimings.measure` and the refiner through `evaluated(_:budget:)`.
///
/// Progress never changes a plan: nothing in planning reads it, and its only output is the lines
/// it writes. Short runs print nothing: the first line comes once the run has lasted `delay`
/// seconds, then at most one every `interval` seconds, and on each change of stage after that.
public final class PlanProgress: @unchecked Sendable {  // every stored var is guarded by `lock`
    /// The reporter planning reports to, if any.
    @TaskLocal public static var current: PlanProgress?

    private let delay: Double
    private let interval: Double
    private let write: @Sendable (String) -> Void
    private let start = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()
    private var stage: PlanStage?
    private var lastLine = -Double.infinity

    /// - Parameters:
    ///   - delay: seconds before the first line.
    ///   - interval: seconds between lines within one stage.
    ///   - write: where lines go (standard error by default; tests capture them).
    public init(delay: Double = 2, interval: Double = 2,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.delay = delay
        self.interval = interval
        self.write = write
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// A top-level stage begins.
    func entered(_ stage: PlanStage) {
        let now = elapsed
        lock.withLock {
            guard stage != self.stage else { return }
            self.stage = stage
            guard now >= delay else { return }
            lastLine = now
            write(String(format: "planning: %@ (%.0f s)\n", stage.rawValue, now))
        }
    }

    /// The refiner has made `count` evaluations of about `budget` (its own stage's; the elite and
    /// ejection-chain stages add a share of it).
    func evaluated(_ count: Int, budget: Int) {
        let now = elapsed
        lock.withLock {
            guard now >= delay, now - lastLine >= interval else { return }
            lastLine = now
            write(String(format: "planning: %@, %d evaluations (budget %d) (%.0f s)\n", (stage ?? .refinement).rawValue, count, budget, now))
        }
    }

    /// Evaluations between two calls of `evaluated` (a power of two: a mask test per evaluation).
    static let evaluationStride = 1024
}
