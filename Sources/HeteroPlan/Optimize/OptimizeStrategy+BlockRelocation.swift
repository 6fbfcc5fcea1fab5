import HeteroRecords

/// Stage 10b of `OptimizeStrategy.search`, after the independent searches: block relocation
/// (`BlockRelocation`) on the winning plan — the plan's connected same-unit blocks, and the parts
/// of them on either side of each transfer, moved to another unit and repaired — within the
/// refiner's budget / `blockRelocationBudgetDivisor` evaluations; 0 turns it off. Latency only and
/// on graphs of at most `windowSearchMaxOperators` operators (the window stages' gate), so large
/// models plan as before. It runs once on the winner, not per search, so its cost does not grow
/// with the number of searches, and it never gives a worse plan: the winner is kept unless the
/// relocated plan, decoded with and without insertion, scores better.
///
/// Why: on eight units at CCR 5 (Results/cpsat-oracle.md) the plans above CP-SAT's proven optima
/// differ from them in connected groups of operators moved together, which no single move, group
/// move of the graph's coarsening, or random cluster reached.
extension OptimizeStrategy {
    func blockRelocationStage(_ winner: Schedule, seeds: Seeds, refiner: Refiner, options: PlanOptions,
                              log: inout [SearchRecord]) -> Schedule {
        let problem = refiner.problem
        guard options.objective == .latency, options.blockRelocationBudgetDivisor > 0, problem.unitCount > 1,
              problem.operatorCount <= options.windowSearchMaxOperators else { return winner }
        var refiner = refiner
        let priority = Refiner.priority(of: winner)
        let start = Refiner.Candidate(assignment: winner.assignment, priority: priority,
                                      score: refiner.evaluate(winner.assignment, priority: priority))
        let limit = refiner.evaluations + max(1, refiner.budget / options.blockRelocationBudgetDivisor)
        var search = BlockRelocation(problem: problem)
        let best = search.improve(start, refiner: &refiner, limit: limit)
        let final = best.score < start.score - 1e-9
            ? decodeStage(best, seeds: seeds, problem: problem, alternatives: [winner])
            : winner
        log.append(.blockRelocation(SearchRecord.BlockRelocationSummary(
            moves: search.tried, kept: search.kept, from: seeds.objective.score(winner), to: seeds.objective.score(final))))
        return final
    }
}
