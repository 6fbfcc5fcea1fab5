import HeteroRecords

/// Heterogeneous Earliest Finish Time (Topcuoglu, Hariri & Wu, IEEE TPDS 2002): operators by
/// decreasing upward rank, each on the unit giving the earliest finish time, with insertion into
/// idle gaps.
public struct HEFTStrategy: PlanningStrategy {
    public let name = "heft"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        StrategyResult(schedule: Self.schedule(problem, priority: Ranks.order(byDecreasing: Ranks.upward(problem))))
    }

    /// HEFT's list scheduling in a given priority order: each operator on the unit giving the
    /// earliest finish time, with insertion (also the decoder of `RandomisedHEFT`). Of the idle
    /// units of a class of interchangeable units (an array's tiles) only the first is tried
    /// (`UnitSymmetry.PlacementTargets`). An operator with a unit in `kept` stays on it (the
    /// rebuild of the iterated-greedy stage, OptimizeStrategy+IteratedGreedy.swift).
    static func schedule(_ problem: PlanProblem, priority: [Int], kept: [Int?]? = nil) -> Schedule {
        var targets = UnitSymmetry.PlacementTargets(problem.symmetry)
        return ScheduleBuilder(problem: problem, insertion: true).buildDynamic(priority: priority) { state, op, assignment in
            if let unit = kept?[op] {
                targets.use(unit)
                return unit
            }
            var best = -1
            var bestFinish = Double.infinity
            for unit in targets.units {
                let finish = state.earliestFinish(op, on: unit, assignment: assignment)
                if finish < bestFinish { best = unit; bestFinish = finish }
            }
            targets.use(best)
            return best
        }
    }
}
