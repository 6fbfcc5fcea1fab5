import Dispatch
import Foundation

/// The optimizer's wall-clock cap, which exists only when the user asks for one
/// (`PlanOptions.timeLimitSeconds`, `--time-limit`). Without it every limit that ends the search
/// is counted in work (schedule evaluations, GLPK nodes and simplex iterations) and the clock is
/// never read, so a plan is a pure function of its inputs and options. With it, the stages also
/// stop on the clock, the clock remembers whether it stopped any, and the plan says so
/// (`record`), since where a clock stops differs between runs.
///
/// With a cap and `buysSearches` the clock also decides whether the multi-start stage runs another independent
/// search (`admitsAnotherSearch`): the time a user gives buys more searches.
///
/// A class: the stages of one search share it, and whether it expired; the independent searches
/// of the multi-start stage may share it from two threads, so `stopped` and `longestSearch` are
/// guarded by `lock` (the other stored properties are constants).
final class SearchClock: @unchecked Sendable {
    /// The requested cap in seconds, or nil.
    let limitSeconds: Double?
    /// Monotonic seconds at which the cap passes (infinity without a cap).
    private let deadline: Double
    private let lock = NSLock()
    private var stopped = false
    /// Wall-clock seconds of the longest independent search finished so far (0: none yet).
    private var longestSearch = 0.0
    /// Whether the cap stopped some stage of the search.
    var stoppedSearch: Bool { lock.withLock { stopped } }

    /// Whether the cap also buys further independent searches (`PlanOptions.maximumTimedSearches` > 0).
    let buysSearches: Bool

    init(limitSeconds: Double?, buysSearches: Bool = false) {
        self.limitSeconds = limitSeconds
        self.buysSearches = limitSeconds != nil && buysSearches
        deadline = limitSeconds.map { Self.now() + $0 } ?? .infinity
    }

    /// Monotonic seconds.
    static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// True once the cap has passed (and then remembered as having stopped the search); false
    /// without a cap, without reading the clock.
    func expired() -> Bool {
        guard limitSeconds != nil, Self.now() > deadline else { return false }
        noteSolverStopped()
        return true
    }

    /// Seconds left before the cap, at least `minimum`; nil without a cap.
    func remaining(atLeast minimum: Double) -> Double? {
        limitSeconds == nil ? nil : max(minimum, deadline - Self.now())
    }

    /// Whether another independent search may start: only under a cap, before it passes, and
    /// when the time left exceeds the longest search finished so far (or none has finished yet,
    /// when a second thread asks while the first search runs). A search that overruns its
    /// estimate still stops on the cap, like every stage.
    func admitsAnotherSearch() -> Bool {
        guard buysSearches else { return false }
        let longest = lock.withLock { longestSearch }
        return deadline - Self.now() > longest
    }

    /// Records how long one independent search took (`admitsAnotherSearch`'s estimate).
    func searchFinished(seconds: Double) {
        lock.withLock { longestSearch = max(longestSearch, seconds) }
    }

    /// Records that a solver stopped on its share of the cap.
    func noteSolverStopped() {
        lock.withLock { stopped = true }
    }

    /// The plan's statement of the cap, when there is one.
    var record: SearchRecord? {
        limitSeconds.map { .timeLimit(seconds: $0, stoppedSearch: stoppedSearch, buysSearches: buysSearches) }
    }
}
