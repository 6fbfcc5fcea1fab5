import Foundation

/// The default strategy, a list of named stages over typed values (each stage takes what it
/// needs and returns what it produces, so the compiler checks the flow):
///
/// 1. **seeds** — every baseline (fallback, greedy, HEFT, PEFT), the best home-unit plan (`homeUnitSeed`) and, for energy, the least-energy
///    assignment, the best one for the objective being the start, so the result is never worse
///    than any of them;
/// 2. **coarsen** — composites, chains and heavy edges contracted into groups;
/// 3. **coarse ILP** — GLPK's assignment MILP on the groups, projected and list-scheduled;
/// 4-10 run as K independent searches with their own seeds, the best plan winning
///    (OptimizeStrategy+MultiStart.swift; K by the graph's size, one above 80 operators):
/// 4. **refine** — local search on the true list-scheduled objective (`Refiner`);
/// 5. **elite** — multi-start and path relinking (OptimizeStrategy+Elite.swift): other starts
///    (the descended plan re-annealed with other seeds, HEFT, PEFT, the coarse ILP's plan,
///    randomised-priority HEFT) each searched locally, the best distinct plans kept in an
///    `ElitePool`, and walks between them (`Refiner.relink`) refined, within a share of the
///    refiner's budget;
/// 6. **ejection chains** — compound moves: a move, then the best moves of its neighbours
///    (`Refiner.ejectionChains`);
/// 7. **window search** — large-neighbourhood search: windows of the plan re-solved by GLPK
///    (`WindowSearch`, latency only); wide windows of 10-30 operators only when `wideWindows` is
///    set (off by default: Results/search-wide-windows.md);
/// 8. **enumeration windows** — windows of the plan whose units are decided by branch and bound
///    on the list schedule itself (`EnumerationSearch`, `AssignmentEnumeration`; latency only);
/// 9. **perturbation** — iterated local search: connected clusters relocated and repaired
///    (OptimizeStrategy+Perturbation.swift; off unless `perturbationBudgetDivisor` is set);
/// 10. **decode** — the best assignment and order into a schedule (with and without insertion),
///    never worse than the plan before the perturbation stage;
/// 10b. **block relocation** — once, on the winning search's plan: its connected same-unit blocks,
///    and their parts on either side of each transfer, moved to other units and repaired
///    (OptimizeStrategy+BlockRelocation.swift, `BlockRelocation`; latency, at most 160 operators);
/// 11. **exact** — on small graphs, the exact scheduling MILP warm-started with that schedule;
/// 12. **unit swaps** — on graphs with several searches: one more search whose annealing also swaps
///    two operators' units, then annealing with swaps from the better plan within a share of the
///    budget, kept only when strictly better (OptimizeStrategy+UnitSwaps.swift);
/// 13. **iterated greedy** — on graphs of at most 80 operators (latency; `PlanOptions.iteratedGreedy`): rounds removing a third
///    to three fifths of the operators, rebuilt by HEFT's insertion and repaired by descent, kept
///    only when strictly better (OptimizeStrategy+IteratedGreedy.swift).
///
/// Memory planning and spilling follow in `PlanPipeline`, for every strategy alike.
///
/// With contention (the platform's switch, and bandwidths to share) the search is wrapped
/// (OptimizeStrategy+Contention.swift): it first runs as if the interconnect were ideal, and its
/// plan is re-timed with contention as a candidate, so modelling contention never gives a plan
/// the model rates worse; with several independent searches, their best few distinct plans are
/// each re-timed and refined with contention and the best contended plan is kept
/// (OptimizeStrategy+SearchRanking.swift); the unit-swap and iterated-greedy stages' plans are ranked after them.
public struct OptimizeStrategy: PlanningStrategy {
    public let name = "optimize"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let clock = SearchClock(limitSeconds: options.timeLimitSeconds, buysSearches: options.maximumTimedSearches > 0)
        var result = if problem.costs.contention && ContentionLedger.anythingContends(problem.costs) {
            try contendedSearch(problem, options: options, clock: clock)
        } else {
            try search(problem, options: options, clock: clock).result
        }
        if let record = clock.record { result.decisions.append(record.decision) }
        return result
    }

    /// A search's plan, its coarse ILP (which a contended search reuses: the ILP has no
    /// contention) and its records.
    struct SearchOutcome {
        var result: StrategyResult
        var coarse: CoarseILPOutcome?
        /// Schedules one search evaluated (under multi-start, the most of the ranked searches).
        var evaluations: Int
        var records: [SearchRecord]
        /// The plans a contended search ranks by their contended plans: this plan first, then the
        /// other candidates of the independent searches (OptimizeStrategy+SearchRanking.swift).
        var ranked: [RankedSearch]
    }

    /// The search for the problem as given, stage by stage.
    func search(_ problem: PlanProblem, options: PlanOptions, clock: SearchClock) throws(PlanError) -> SearchOutcome {
        var log = operatorSpills(problem)
        let seeds = try StageTimings.measure(.seeds) { () throws(PlanError) in try seedStage(problem, options: options, log: &log) }
        let coarsening = StageTimings.measure(.coarsening) { coarsenStage(problem, log: &log) }
        var refiner = Refiner(problem: problem, coarsening: coarsening, options: options, clock: clock, objective: seeds.objective)
        var start = seeds.candidate(&refiner)
        let coarse = try StageTimings.measure(.coarseILP) { () throws(PlanError) in
            try coarseILPStage(problem, seeds: seeds, refiner: &refiner, options: options, clock: clock, log: &log)
        }
        if let candidate = coarse?.candidate, candidate.score < start.score - 1e-9 { start = candidate }
        let searches = try independentSearchesStage(start, seeds: seeds, coarse: coarse?.candidate, refiner: refiner, options: options, log: &log)
        let final = StageTimings.measure(.refinement) {
            blockRelocationStage(searches.winner.schedule, seeds: seeds, refiner: refiner, options: options, log: &log)
        }
        log.append(.refinement(evaluations: searches.evaluations, objective: options.objective,
                               from: seeds.figure(seeds.best.schedule), to: seeds.figure(final)))
        var result = StrategyResult(schedule: final, solver: coarse?.solver, lowerBoundUS: coarse?.lowerBoundUS,
                                    solverSeconds: coarse?.solverSeconds)
        try StageTimings.measure(.exactILP) { () throws(PlanError) in try exactStage(&result, problem: problem, options: options, clock: clock, log: &log) }
        var ranked = rankedSearches(result.schedule, records: log, searches: searches)
        let swaps = try StageTimings.measure(.refinement) { () throws(PlanError) in
            try unitSwapStage(result.schedule, index: searches.count, seedIndex: searches.countWithoutOtherStarts, start: start, coarse: coarse?.candidate, seeds: seeds,
                              refiner: refiner, options: options)
        }
        if let swaps {
            log.append(swaps.record)
            if let improved = swaps.improved {
                ranked.append(RankedSearch(index: searches.count, schedule: improved, moves: log.filter(\.isMove)))
                result.schedule = improved
            }
        }
        if let greedy = StageTimings.measure(.refinement, { iteratedGreedyStage(result.schedule, seeds: seeds, refiner: refiner, options: options) }) {
            log.append(greedy.record)
            if let improved = greedy.improved {
                ranked.append(RankedSearch(index: searches.count + 1, schedule: improved, moves: log.filter(\.isMove), stage: "iterated-greedy"))
                result.schedule = improved
            }
        }
        result.decisions = log.map(\.decision)
        result.baselines = seeds.reported
        // The contended refinement's budget follows one search's work, whatever the number of searches:
        // the most any ranked search made, so a winner from another start (half a budget) does not halve it.
        return SearchOutcome(result: result, coarse: coarse, evaluations: searches.candidates.map(\.evaluations).max() ?? searches.winner.evaluations,
                             records: log, ranked: ranked)
    }
}
