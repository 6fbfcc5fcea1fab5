/// Predict Earliest Finish Time (Arabnejad & Barbosa, IEEE TPDS 2014): ready operators by
/// decreasing mean optimistic cost, each on the unit minimising EFT + OCT(op, unit).
public struct PEFTStrategy: PlanningStrategy {
    public let name = "peft"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let table = Ranks.optimisticCostTable(problem)
        let priority = Self.priority(problem, table: table)
        // Of the idle units of a class of interchangeable units only the first is tried
        // (`UnitSymmetry.PlacementTargets`: they have the same finish time and optimistic cost).
        var targets = UnitSymmetry.PlacementTargets(problem.symmetry)
        let schedule = ScheduleBuilder(problem: problem, insertion: true).buildDynamic(priority: priority) { state, op, assignment in
            var best = -1
            var bestScore = Double.infinity
            for unit in targets.units {
                let finish = state.earliestFinish(op, on: unit, assignment: assignment)
                guard finish.isFinite else { continue }
                let score = finish + table[op][unit]
                if score < bestScore { best = unit; bestScore = score }
            }
            targets.use(best)
            return best
        }
        return StrategyResult(schedule: schedule)
    }

    /// PEFT's order: decreasing mean optimistic cost (`table`: `Ranks.optimisticCostTable`);
    /// equal ranks fall back to the upward rank so predecessors come first among ties.
    static func priority(_ problem: PlanProblem, table: [[Double]]) -> [Int] {
        let rank = table.map { row in row.reduce(0, +) / Double(row.count) }
        let upward = Ranks.upward(problem)
        return (0..<problem.operatorCount).sorted { (a: Int, b: Int) -> Bool in
            if rank[a] != rank[b] { return rank[a] > rank[b] }
            if upward[a] != upward[b] { return upward[a] > upward[b] }
            return a < b
        }
    }
}
