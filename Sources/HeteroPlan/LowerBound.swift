/// Makespan lower bounds that hold for every schedule of a problem.
public enum LowerBound {
    /// The longest path when every operator runs on its fastest unit and data moves for free.
    public static func criticalPath(_ problem: PlanProblem) -> Double {
        var finish = [Double](repeating: 0, count: problem.operatorCount)
        for op in 0..<problem.operatorCount {
            let start = problem.incoming[op].reduce(0.0) { max($0, finish[$1.producer]) }
            finish[op] = start + ((0..<problem.unitCount).compactMap { problem.fastestDuration(op, $0) }.min() ?? 0)
        }
        return finish.max() ?? 0
    }

    /// Total work at each operator's fastest time spread perfectly over all units.
    public static func workPerUnit(_ problem: PlanProblem) -> Double {
        var total = 0.0
        for op in 0..<problem.operatorCount { total += (0..<problem.unitCount).compactMap { problem.fastestDuration(op, $0) }.min() ?? 0 }
        return total / Double(max(1, problem.unitCount))
    }

    /// The best of the combinatorial bounds and an optional solver bound.
    public static func makespan(_ problem: PlanProblem, solverBound: Double? = nil) -> Double {
        max(criticalPath(problem), workPerUnit(problem), solverBound ?? 0)
    }
}
