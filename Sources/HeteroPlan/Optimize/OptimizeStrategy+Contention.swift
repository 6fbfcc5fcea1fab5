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
/// 16,000 contended evaluations from PEFT's plan) at twice the planning time. With several
/// independent searches, the best few of their plans each go through this stage and the best
/// contended plan is kept (OptimizeStrategy+SearchRanking.swift).
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
    /// contention) re-timed, then the ranking stage (OptimizeStrategy+SearchRanking.swift): each
    /// ranked search's plan through the contended stage, the best final plan kept; then exact as in
    /// `search`.
    private func refineWithContention(_ problem: PlanProblem, options: PlanOptions, clock: SearchClock,
                                      ideal: SearchOutcome) throws(PlanError) -> StrategyResult {
        var log = operatorSpills(problem)
        let seeds = try seedStage(problem, options: options, log: &log)
        let coarsening = coarsenStage(problem, log: &log)
        var refiner = Refiner(problem: problem, coarsening: coarsening, options: options, clock: clock, objective: seeds.objective)
        var start = seeds.candidate(&refiner)
        log += ideal.coarse?.records ?? []
        if let candidate = ideal.coarse?.candidate {
            let projected = refiner.bestOrder(candidate.assignment, startOrder: candidate.priority)
            if projected.score < start.score - 1e-9 { start = projected }
        }
        let ranking = rankingStage(ideal.ranked, start: start, seeds: seeds, refiner: refiner, problem: problem)
        log += ranking.records
        log.append(.refinement(evaluations: ranking.evaluations + ideal.evaluations, objective: options.objective,
                               from: seeds.figure(seeds.best.schedule), to: seeds.figure(ranking.schedule)))
        var result = StrategyResult(schedule: ranking.schedule, solver: ideal.coarse?.solver, lowerBoundUS: ideal.coarse?.lowerBoundUS,
                                    solverSeconds: ideal.coarse?.solverSeconds)
        try exactStage(&result, problem: problem, options: options, clock: clock, log: &log)
        result.decisions = log.map(\.decision)
        result.baselines = seeds.reported
        return result
    }

    /// The contended stage of one ideal search's plan: re-timed with contention, then (unless
    /// contention costs it little) a short refinement with contention from the better of that
    /// plan and `start`, then decode. `refiner` is the shared state after the start; each plan
    /// refines its own copy.
    func contendedStage(_ search: RankedSearch, start: Refiner.Candidate, seeds: Seeds, refiner: Refiner,
                        problem: PlanProblem) -> ContendedPlan {
        var refiner = refiner
        let shared = refiner.evaluations
        let retimed = retime(search.schedule, problem: problem, objective: seeds.objective)
        var log: [SearchRecord] = [.contention(ideal: seeds.figure(search.schedule), contended: seeds.figure(retimed.schedule),
                                               negligible: retimed.negligible)]
        // The moves the ideal search made explain the plan it gives.
        log += search.moves
        var best = start
        if !retimed.negligible {
            let from = Refiner.Candidate(assignment: retimed.schedule.assignment, priority: retimed.order,
                                         score: refiner.evaluate(retimed.schedule.assignment, priority: retimed.order))
            best = refineStage(from.score < start.score - 1e-9 ? from : start, refiner: &refiner, log: &log).best
        }
        return ContendedPlan(index: search.index, label: search.label, stage: search.stage, ideal: seeds.figure(search.schedule),
                             schedule: decodeStage(best, seeds: seeds, problem: problem, alternatives: [retimed.schedule]),
                             refined: !retimed.negligible, evaluations: refiner.evaluations - shared, records: log)
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
