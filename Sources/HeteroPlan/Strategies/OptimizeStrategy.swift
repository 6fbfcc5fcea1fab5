import Foundation

/// The default strategy: start from the best baseline (fallback, greedy, HEFT, PEFT — so the
/// result is never worse than any of them), coarsen, refine on the true scheduled makespan, and
/// decode the best assignment and order into the final schedule.
public struct OptimizeStrategy: PlanningStrategy {
    public let name = "optimize"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let deadline = Clock.now() + options.timeLimitSeconds
        var decisions: [Decision] = operatorSpills(problem)

        // Seeds: every baseline that applies.
        var seeds: [(String, Schedule)] = []
        let baselines: [any PlanningStrategy] = [HEFTStrategy(), PEFTStrategy(), GreedyStrategy(), FallbackStrategy()]
        for baseline in baselines {
            if let result = try? baseline.schedule(problem, options: options) { seeds.append((baseline.name, result.schedule)) }
        }
        guard let (seedName, seedSchedule) = seeds.min(by: { $0.1.makespanUS < $1.1.makespanUS }) else {
            throw .internalInconsistency("no baseline produced a schedule")
        }
        decisions.append(Decision(kind: .strategy, subject: "initial placement",
                                  reason: "best baseline is \(seedName): " + seeds.map { "\($0.0) \(format($0.1.makespanUS)) us" }.joined(separator: ", ")))

        let coarsening = Coarsening(problem)
        decisions.append(Decision(kind: .composite, subject: "coarsening",
                                  reason: "\(problem.operatorCount) operators in \(coarsening.groups.count) groups (chains contracted)"))
        var refiner = Refiner(problem: problem, coarsening: coarsening, options: options, deadline: deadline)
        var start = Refiner.Candidate(assignment: seedSchedule.assignment, priority: Refiner.priority(of: seedSchedule),
                                      makespan: seedSchedule.makespanUS)
        let decoded = refiner.evaluate(start.assignment, priority: start.priority)
        start.makespan = decoded
        let best = refiner.refine(start)
        decisions += refiner.improvements

        // Final decode: the refined candidate, with and without insertion; never worse than the seed.
        var final = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
        let inserted = ScheduleBuilder(problem: problem, insertion: true).build(assignment: best.assignment, priority: best.priority)
        if inserted.makespanUS < final.makespanUS - 1e-9 { final = inserted }
        if seedSchedule.makespanUS < final.makespanUS - 1e-9 { final = seedSchedule }
        decisions.append(Decision(kind: .strategy, subject: "refinement",
                                  reason: "\(refiner.evaluations) schedules evaluated; makespan \(format(seedSchedule.makespanUS)) -> \(format(final.makespanUS)) us"))
        var result = StrategyResult(schedule: final, decisions: decisions)

        // Small graphs: the exact MILP, warm-started with the refined schedule, within the time left.
        if problem.operatorCount <= min(options.exactThreshold, ExactILPStrategy.operatorLimit) {
            var exactOptions = options
            exactOptions.timeLimitSeconds = max(0.5, deadline - Clock.now())
            let exact = try ExactILPStrategy().solve(problem, incumbent: final, options: exactOptions)
            result.decisions += exact.decisions
            result.solver = exact.solver
            result.lowerBoundUS = exact.lowerBoundUS
            result.solverSeconds = exact.solverSeconds
            if exact.schedule.makespanUS < final.makespanUS - 1e-9 { result.schedule = exact.schedule }
        }
        return result
    }

    /// Operators the fastest unit for most of the graph cannot run: operator spills to explain.
    func operatorSpills(_ problem: PlanProblem) -> [Decision] {
        var decisions: [Decision] = []
        for op in 0..<problem.operatorCount {
            for unit in 0..<problem.unitCount {
                if let reason = problem.costs.reasons[op][unit], problem.costs.unitKinds[unit] != "cpu" {
                    decisions.append(Decision(kind: .operatorSpill, subject: problem.graph.operators[op].label,
                                              reason: "cannot run on \(problem.costs.unitNames[unit]): \(reason)"))
                }
            }
        }
        return decisions
    }

    private func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
