import HeteroRecords

/// The unit-swap stage of `OptimizeStrategy.search`, after the independent searches, block
/// relocation and the exact MILP: annealing from the searches' plan whose exchange moves half swap
/// two operators' units (`Refiner.Tuning.swapMoveMix`), with its own seed (the one the next
/// independent search would get), within the refinement budget / `PlanOptions.swapBudgetDivisor`
/// evaluations, then decoded with and without insertion. Its plan is kept only when it scores
/// strictly better; under contention it is one more ranked plan (OptimizeStrategy+SearchRanking.swift),
/// ranked after every search's plan, so ties go to the searches' plan. The searches themselves,
/// their random streams, budgets and ranking, are exactly as without the stage, so the plan is
/// never worse than without it (`--swap-moves off`).
///
/// Why: on eight units with cheap transfers the better plans differ in which tasks share the
/// busiest unit; a single move must first overload a unit and is rejected, a swap changes two
/// units' loads only by the difference of the tasks' times. Swaps in every search's annealing
/// lowered optimize / CP-SAT on the sixteen 8-unit 40-task CCR 0.1/1 instances from 1.031 to
/// 1.014 on average, but made six of 70 plans worse (a different random walk); as a continuation
/// from the searches' plan they cannot (Results/search-swaps.md).
extension OptimizeStrategy {
    /// The unit-swap stage's plan and record.
    struct UnitSwapOutcome {
        /// The stage's plan when it scores strictly better than the plan it started from, else nil.
        var improved: Schedule?
        var record: SearchRecord
    }

    /// The unit-swap stage from `plan`, seeded for search `index` (one past the last search);
    /// nil when it does not run (`PlanOptions.swapMoves` off, or one unit).
    func unitSwapStage(_ plan: Schedule, index: Int, seeds: Seeds, refiner: Refiner, options: PlanOptions) -> UnitSwapOutcome? {
        let problem = refiner.problem
        guard options.swapMoves, problem.unitCount > 1 else { return nil }
        var refiner = refiner
        let before = refiner.evaluations
        let priority = Refiner.priority(of: plan)
        let start = Refiner.Candidate(assignment: plan.assignment, priority: priority,
                                      score: refiner.evaluate(plan.assignment, priority: priority))
        let limit = refiner.evaluations + max(1, refiner.budget / max(1, options.swapBudgetDivisor))
        let best = refiner.anneal(from: start, seed: Self.searchSeed(options.seed, index: index), limit: limit,
                                  patience: refiner.patience, mix: Refiner.Tuning.swapMoveMix)
        let decoded = decodeStage(best, seeds: seeds, problem: problem, alternatives: [plan])
        let (from, to) = (seeds.objective.score(plan), seeds.objective.score(decoded))
        let improved = to < from - 1e-9 ? decoded : nil
        return UnitSwapOutcome(improved: improved, record: .unitSwaps(SearchRecord.UnitSwapSummary(
            objective: options.objective, evaluations: refiner.evaluations - before, from: from, to: improved == nil ? from : to)))
    }
}
