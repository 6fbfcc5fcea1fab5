import Dispatch
import Foundation

/// Wall-clock seconds per planning stage, collected while a `StageTimings` is bound to
/// `StageTimings.current` (a task-local value). Timing never changes what planning does: no
/// limit reads it, and without a bound collector `measure` only runs its body. One collector
/// times one plan at a time (nesting is tracked per collector, not per thread).
public final class StageTimings: @unchecked Sendable {  // every stored property is guarded by `lock`
    /// The collector stages report to, if any.
    @TaskLocal public static var current: StageTimings?

    private let lock = NSLock()
    private var totals: [PlanStage: (seconds: Double, calls: Int)] = [:]
    private var open: [PlanStage: Int] = [:]

    public init() {}

    /// Seconds recorded for `stage`.
    public func seconds(_ stage: PlanStage) -> Double { lock.withLock { totals[stage]?.seconds ?? 0 } }
    /// Calls recorded for `stage`.
    public func calls(_ stage: PlanStage) -> Int { lock.withLock { totals[stage]?.calls ?? 0 } }

    /// Adds `seconds` to `stage`.
    public func record(_ stage: PlanStage, seconds: Double) {
        lock.withLock {
            let old = totals[stage] ?? (0, 0)
            totals[stage] = (old.seconds + seconds, old.calls + 1)
        }
    }

    /// Whether `stage` was already open; opens it once more.
    private func enter(_ stage: PlanStage) -> Bool {
        lock.withLock {
            open[stage, default: 0] += 1
            return open[stage]! > 1
        }
    }

    private func leave(_ stage: PlanStage) { lock.withLock { open[stage]! -= 1 } }

    /// Runs `body`, adding its wall-clock time to `stage` of the current collector. A stage nested
    /// in the same stage (a seed strategy's own seeds) is counted once, by the outermost call.
    /// A top-level stage is also reported to the current `PlanProgress`.
    @inline(__always)
    public static func measure<T, E: Error>(_ stage: PlanStage, _ body: () throws(E) -> T) throws(E) -> T {
        if !stage.overlapsOthers { PlanProgress.current?.entered(stage) }
        guard let timings = current else { return try body() }
        let nested = timings.enter(stage)
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            if !nested { timings.record(stage, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
            timings.leave(stage)
        }
        return try body()
    }
}
