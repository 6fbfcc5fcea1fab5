/// Every operator on the first CPU unit: the reference point every heterogeneous plan must beat.
public struct CPUOnlyStrategy: PlanningStrategy {
    public let name = "cpu-only"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        guard let cpu = problem.costs.unitKinds.firstIndex(of: "cpu") else {
            throw .noUnitOfKind(kind: "cpu", strategy: name)
        }
        for op in 0..<problem.operatorCount where problem.exec(op, cpu) == nil {
            throw .unsupportedOnUnit(operator: problem.graph.operators[op].label, unit: problem.costs.unitNames[cpu],
                                     strategy: name, reason: problem.costs.reasons[op][cpu] ?? "not supported")
        }
        let assignment = [Int](repeating: cpu, count: problem.operatorCount)
        let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
        return StrategyResult(schedule: ScheduleBuilder(problem: problem).build(assignment: assignment, priority: priority))
    }
}
