import HeteroRecords

/// Contention as a wrapper around the ideal-interconnect search.
///
/// The search first runs as if the interconnect were ideal, exactly as without contention, and its
/// plan is re-timed with contention: a candidate, so modelling contention never gives a plan the
/// model rates worse. When contention costs that plan more than 0.1%
/// (`negligibleContentionCost`), a short refinement with contention follows from it (a sixteenth
/// of the ideal search's evaluations, so contention adds little planning time: design-space
/// sweeps plan thousands of points). Measured on the shipped platforms (`hetero-plan benchmark
/// contention`), longer contended searches find more (inception_v1 on snapdragon: 8% faster after
/// 16,000 contended evaluations from PEFT's plan) at twice the planning time.
extension OptimizeStrategy {
    /// Contention that lengthens the ideal plan by at most this factor is not searched for.
    static let negligibleContentionCost = 1.001
    /// The contended refinement's share of the ideal search's evaluations, and its minimum.
    static let contendedBudgetDivisor = 16
    static let contendedBudgetMinimum = 200

    /// The ideal search's plan re-timed with contention, and whether contention costs it little.
    struct Retimed {
        var schedule: Schedule
        var order: [Int]
        var negligible: Bool
    }

    func contendedSearch(_ problem: PlanProblem, options: PlanOptions, clock: SearchClock) throws(PlanError) -> StrategyResult {
        var idealCosts = problem.costs
        idealCosts.contention = false
        let idealProblem = try PlanProblem(graph: problem.graph, costs: idealCosts)
        var idealOptions = options
        idealOptions.exactThreshold = 0
        let ideal = try search(idealProblem, options: idealOptions, clock: clock)
        var contended = options
        contended.evaluationBudget = max(Self.contendedBudgetMinimum, ideal.evaluations / Self.contendedBudgetDivisor)
        return try refineWithContention(problem, options: contended, clock: clock, ideal: ideal)
    }

    /// The contended search: the same seeds and coarsening, the ideal search's coarse ILP (it has no
    /// contention) re-timed, the ideal plan re-timed, a short refinement unless contention is
    /// negligible, then decode and exact as in `search`.
    private func refineWithContention(_ problem: PlanProblem, options: PlanOptions, clock: SearchClock,
                                      ideal: SearchOutcome) throws(PlanError) -> StrategyResult {
        var log = operatorSpills(problem)
        let seeds = try seedStage(problem, options: options, log: &log)
        let retimed = retime(ideal.result.schedule, problem: problem, objective: seeds.objective)
        let coarsening = coarsenStage(problem, log: &log)
        var refiner = Refiner(problem: problem, coarsening: coarsening, options: options, clock: clock, objective: seeds.objective)
        var start = seeds.candidate(&refiner)
        log += ideal.coarse?.records ?? []
        if let candidate = ideal.coarse?.candidate {
            let projected = refiner.bestOrder(candidate.assignment, startOrder: candidate.priority)
            if projected.score < start.score - 1e-9 { start = projected }
        }
        log.append(.contention(ideal: seeds.figure(ideal.result.schedule), contended: seeds.figure(retimed.schedule),
                               negligible: retimed.negligible))
        // The moves the ideal search made explain the plan it gives.
        log += ideal.records.filter(\.isMove)
        var best = start
        var evaluations = 0
        if !retimed.negligible {
            let from = Refiner.Candidate(assignment: retimed.schedule.assignment, priority: retimed.order,
                                         score: refiner.evaluate(retimed.schedule.assignment, priority: retimed.order))
            best = refineStage(from.score < start.score - 1e-9 ? from : start, refiner: &refiner, log: &log).best
            evaluations = refiner.evaluations
        }
        let final = decodeStage(best, seeds: seeds, problem: problem, alternatives: [retimed.schedule])
        log.append(.refinement(evaluations: evaluations + ideal.evaluations, objective: options.objective,
                               from: seeds.figure(seeds.best.schedule), to: seeds.figure(final)))
        var result = StrategyResult(schedule: final, solver: ideal.coarse?.solver, lowerBoundUS: ideal.coarse?.lowerBoundUS,
                                    solverSeconds: ideal.coarse?.solverSeconds)
        try exactStage(&result, problem: problem, options: options, clock: clock, log: &log)
        result.decisions = log.map(\.decision)
        result.baselines = seeds.reported
        return result
    }

    /// The ideal plan's assignment and order list-scheduled with contention, with and without
    /// insertion (the better one).
    private func retime(_ schedule: Schedule, problem: PlanProblem, objective: ObjectiveScore) -> Retimed {
        let order = Refiner.priority(of: schedule)
        let retimed = [false, true].map { ScheduleBuilder(problem: problem, insertion: $0).build(assignment: schedule.assignment, priority: order) }
        let best = retimed.min { objective.score($0) < objective.score($1) }!
        return Retimed(schedule: best, order: order, negligible: best.makespanUS <= schedule.makespanUS * Self.negligibleContentionCost)
    }
}
