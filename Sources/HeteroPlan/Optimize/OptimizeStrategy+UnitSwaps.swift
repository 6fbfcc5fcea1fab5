import HeteroRecords

/// The unit-swap stage of `OptimizeStrategy.search`, after the independent searches, block
/// relocation and the exact MILP, on graphs the multi-start stage gives several searches (at most
/// `multiStartOperators` / 2 operators): the swap search, one more independent search from the
/// best start (with the seed the next search would get without the other-start searches of
/// `PlanOptions.otherStartSearches`) whose annealing moves half of its exchanges swap two
/// operators' units (`Refiner.swapping`), then the continuation, annealing with swaps from the
/// better of its plan and the searches' plan within the refinement budget /
/// `PlanOptions.swapBudgetDivisor` evaluations. Its plan is kept only when it scores strictly
/// better than the searches' plan; under contention it is one more ranked plan
/// (OptimizeStrategy+SearchRanking.swift) ranked after every search's plan, so ties go to the
/// searches' plan. The searches themselves, their random streams, budgets and ranking, are exactly
/// as without the stage, so the plan is never worse than without it (`--swap-moves off`).
///
/// Why: on eight units with cheap transfers the better plans differ in which tasks share the
/// busiest unit; a single move must first overload a unit and is rejected, a swap changes two
/// units' loads only by the difference of the tasks' times. Swaps in every search's annealing
/// lowered optimize / CP-SAT on the sixteen 8-unit 40-task CCR 0.1/1 instances from 1.031 to
/// 1.014 on average, but made six of 70 plans worse (a different random walk). Measured as this
/// stage's parts alone (Results/search-swaps.md): the continuation from the searches' plan improved
/// 11 of 16 of those instances, the swap search 7 of 15, with larger gains, and each found some the
/// other did not. On the 54 model plans the continuation improved none and cost a quarter more
/// planning time, hence only graphs with several searches (ResNet-50 and DenseNet-121 plan as before).
extension OptimizeStrategy {
    /// Whether the unit-swap stage runs: `PlanOptions.swapMoves` on, several units, and a graph
    /// the multi-start stage gives several searches from the best start.
    static func unitSwapStageRuns(_ problem: PlanProblem, options: PlanOptions) -> Bool {
        options.swapMoves && problem.unitCount > 1 && sameStartSearches(problem) > 1
    }

    /// The unit-swap stage's plan and record.
    struct UnitSwapOutcome {
        /// The stage's plan when it scores strictly better than the plan it started from, else nil.
        var improved: Schedule?
        var record: SearchRecord
    }

    /// The unit-swap stage from `plan`: the swap search (independent search `index`, one past the
    /// last, from the best start `start`, seeded as search `seedIndex`), then the continuation from
    /// the better of its plan and `plan` (seeded as search `seedIndex + 1`); nil when it does not run
    /// (`PlanOptions.swapMoves` off, one unit, or a graph the multi-start stage gives one search
    /// from the best start). `seedIndex` is the number of searches without the other-start searches
    /// (`MultiStartOutcome.countWithoutOtherStarts`), so with them the swap search is the one
    /// `--other-starts 0` runs, and the continuation starts from a plan at least as good.
    func unitSwapStage(_ plan: Schedule, index: Int, seedIndex: Int, start: Refiner.Candidate, coarse: Refiner.Candidate?, seeds: Seeds,
                       refiner: Refiner, options: PlanOptions) throws(PlanError) -> UnitSwapOutcome? {
        let problem = refiner.problem
        guard Self.unitSwapStageRuns(problem, options: options) else { return nil }
        let objective = seeds.objective
        let before = refiner.evaluations
        let best = SearchStart(name: "unit swaps", assignment: start.assignment, priority: start.priority, score: start.score, evaluated: true)
        let search = try independentSearch(seedIndex, from: best, seeds: seeds, coarse: coarse, refiner: refiner.swapping(), options: options)
        let base = objective.score(search.schedule) < objective.score(plan) - 1e-9 ? search.schedule : plan
        var continuation = refiner.swapping()
        let priority = Refiner.priority(of: base)
        let from = Refiner.Candidate(assignment: base.assignment, priority: priority,
                                     score: continuation.evaluate(base.assignment, priority: priority))
        let limit = continuation.evaluations + max(1, continuation.budget / max(1, options.swapBudgetDivisor))
        let annealed = continuation.anneal(from: from, seed: Self.searchSeed(options.seed, index: seedIndex + 1), limit: limit,
                                           patience: continuation.patience)
        let final = decodeStage(annealed, seeds: seeds, problem: problem, alternatives: [base])
        let (score, to) = (objective.score(plan), objective.score(final))
        let improved = to < score - 1e-9 ? final : nil
        return UnitSwapOutcome(improved: improved, record: .unitSwaps(SearchRecord.UnitSwapSummary(
            objective: options.objective, search: index, evaluations: search.evaluations - before + continuation.evaluations - before,
            from: score, to: improved == nil ? score : to)))
    }
}
