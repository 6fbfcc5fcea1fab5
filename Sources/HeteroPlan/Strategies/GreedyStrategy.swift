/// Each operator on its fastest unit, transfers ignored when choosing (TVM BYOC-like).
public struct GreedyStrategy: PlanningStrategy {
    public let name = "greedy"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let assignment = (0..<problem.operatorCount).map { problem.fastestUnit($0) }
        let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
        return StrategyResult(schedule: ScheduleBuilder(problem: problem).build(assignment: assignment, priority: priority))
    }
}
