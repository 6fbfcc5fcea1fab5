import GLPKSolver
import HeteroRecords

/// An exact scheduling MILP for small graphs, solved by GLPK, used to validate the heuristics.
///
/// Variables: x(i,u) binary (operator i on unit u, only for capable units), s(i) >= 0 start times,
/// C the makespan, and o(i,j) binary ordering for each pair of operators with no path between
/// them. Constraints:
/// - assignment: sum_u x(i,u) = 1;
/// - precedence with communication, per edge i→j: s_j >= s_i + d_i, and for every pair of units
///   a != b: s_j >= s_i + d_i + c_ij(a,b)·(x(i,a) + x(j,b) - 1), where d_i = sum_u p(i,u)·x(i,u) —
///   exact without a big-M, because the extra term is c when both hold and <= 0 otherwise;
/// - non-overlap on a shared unit u, for unordered pairs: s_j >= s_i + p(i,u) - M(3 - o - x(i,u) - x(j,u))
///   and s_i >= s_j + p(j,u) - M(2 + o - x(i,u) - x(j,u)), with M the incumbent's makespan;
/// - C >= s_i + d_i.
/// The best heuristic schedule is offered as a warm start, and M is as tight as it allows.
public struct ExactILPStrategy: PlanningStrategy {
    public let name = "ilp-exact"
    public static let operatorLimit = 24

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let n = problem.operatorCount
        guard n <= Self.operatorLimit else { throw .tooLargeForExact(operators: n, limit: Self.operatorLimit) }
        // Incumbent: the optimizer's schedule (never worse than HEFT or PEFT), which also sets big-M.
        var heuristic = options
        heuristic.exactThreshold = 0
        heuristic.timeLimitSeconds = nil
        let incumbent = try OptimizeStrategy().schedule(problem, options: heuristic).schedule
        let clock = SearchClock(limitSeconds: options.timeLimitSeconds)
        var result = try solve(problem, incumbent: incumbent, options: options, clock: clock, minimumSeconds: 0.001).result
        if let record = clock.record { result.decisions.append(record.decision) }
        return result
    }

    /// Solves the MILP seeded with `incumbent` within `options.exactNodes` nodes and
    /// `options.exactWork` (a `SolverBudget`; under a requested cap also within the time `clock`
    /// has left, at least `minimumSeconds`); returns the better of the two schedules, and what GLPK
    /// did as a record (its explanation).
    func solve(_ problem: PlanProblem, incumbent: Schedule, options: PlanOptions, clock: SearchClock,
               minimumSeconds: Double) throws(PlanError) -> (result: StrategyResult, records: [SearchRecord]) {
        let n = problem.operatorCount
        let formulation = ExactFormulation(problem: problem, bigM: incumbent.makespanUS)
        // GLPK's cut generators were measured to slow these models down (12-task instances: 1.5 s
        // to 17 s to prove optimality), so they stay off.
        let budget = SolverBudget(nodes: options.exactNodes, work: options.exactWork, rootIterations: options.rootIterations)
        let milpOptions = budget.apply(to: MILPOptions(timeLimit: clock.remaining(atLeast: minimumSeconds).map { .milliseconds(Int64($0 * 1000)) },
                                                       warmStart: formulation.values(for: incumbent), lpDumpPath: options.dumpLPPath),
                                       for: formulation.model)
        let (solution, report) = try SolverReport.solve(formulation.model, options: milpOptions)
        let stats = solution.stats
        if stats.hitTimeLimit { clock.noteSolverStopped() }
        guard stats.status.hasSolution, !solution.values.isEmpty else {
            let record = SearchRecord.exactWithoutSolution(status: "\(stats.status)")
            return (StrategyResult(schedule: incumbent, decisions: [record.decision], solver: report,
                                   lowerBoundUS: problem.timesIndependentOfAssignment ? stats.bestBound : nil,
                                   solverSeconds: stats.wallSeconds), [record])
        }
        let (assignment, starts) = formulation.decode(solution.values)
        let priority = (0..<n).sorted { starts[$0] != starts[$1] ? starts[$0] < starts[$1] : $0 < $1 }
        var schedule = ScheduleBuilder(problem: problem, insertion: false).build(assignment: assignment, priority: priority)
        if incumbent.makespanUS < schedule.makespanUS { schedule = incumbent }
        // The MILP times every operator and edge as the cost table does: its bound holds for the
        // problem only when fusion and residency cannot make them faster.
        let valid = problem.timesIndependentOfAssignment
        let bound = !valid ? nil : stats.status == .optimal ? min(schedule.makespanUS, stats.objective ?? schedule.makespanUS) : stats.bestBound
        let record = SearchRecord.exact(status: "\(stats.status)", objective: stats.objective, bound: stats.bestBound,
                                        warmStart: "\(stats.warmStart)")
        return (StrategyResult(schedule: schedule, decisions: [record.decision], solver: report, lowerBoundUS: bound,
                               solverSeconds: stats.wallSeconds), [record])
    }
}
