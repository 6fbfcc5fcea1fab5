import HeteroRecords

/// Ranking the independent searches (OptimizeStrategy+MultiStart.swift) by the plan the user gets.
///
/// Why: the multi-start stage keeps the search with the best search score; under contention that
/// is the ideal interconnect's score, and the plan the user gets is that plan re-timed and refined
/// with contention (OptimizeStrategy+Contention.swift). The two rankings differ: on meteor-lake
/// Inception-v2 with `--other-starts 1`, the search from PEFT's plan scores 1,846.7 us on the ideal
/// interconnect against 1,876.8 us from HEFT's, but ends at 1,873.1 us with contention against
/// 1,867.1 us, so ranking by the search score made the plan worse (Results/search-ranking.md).
///
/// How: the searches' plans within `rankingTolerance` of the best search score, distinct (by
/// assignment and order), best score first (ties to the lowest index), at most
/// `PlanOptions.rankedSearches` of them with the winner first, each go through the contended
/// stage (re-timed, then refined with contention from the better of that plan and the best
/// contended start, each with the same budget); the best final plan is kept, ties to the lowest
/// search index, so the plan is the same for any number of threads. The search-score winner is
/// always ranked, so the plan is never worse than ranking by the search score alone; each further
/// candidate costs one contended refinement (a sixteenth of a search's evaluations), counted work.
///
/// Without contention the search's plan is the strategy's plan and the search score ranks it.
/// Memory planning and spilling (`PlanPipeline`) follow every strategy and are not part of the
/// ranking.
extension OptimizeStrategy {
    /// Searches whose score is above the best by more than this share are not ranked.
    static let rankingTolerance = 0.05

    /// One search's plan as the contended stage ranks it.
    struct RankedSearch {
        var index: Int
        var schedule: Schedule
        /// The moves that explain the plan (listed again under the contended search).
        var moves: [SearchRecord]
        /// The stage that made the plan when it is not a search (the iterated-greedy stage), else nil.
        var stage: String? = nil

        /// The plan's name in the ranking's record: its stage, or "search N".
        var label: String { stage ?? "search \(index + 1)" }
    }

    /// One ranked search's plan after the contended stage.
    struct ContendedPlan {
        var index: Int
        /// `RankedSearch.label` and `RankedSearch.stage` of the plan it came from.
        var label: String
        var stage: String?
        /// The search's figure on the ideal interconnect.
        var ideal: SearchRecord.Figure
        var schedule: Schedule
        /// Whether a contended refinement ran, and its evaluations beyond the shared start's.
        var refined: Bool
        var evaluations: Int
        var records: [SearchRecord]
    }

    /// The kept contended plan, the evaluations of every ranked search (the shared start counted
    /// once, as one search counts it) and the records explaining the plan.
    struct RankingOutcome {
        var schedule: Schedule
        var evaluations: Int
        var records: [SearchRecord]
    }

    /// The searches the contended stage ranks: `winner`, then the other distinct plans within
    /// `rankingTolerance` of its score, best first (ties to the lowest index), `limit` in all.
    static func rankingCandidates(_ finished: [IndependentSearch], winner: IndependentSearch, limit: Int) -> [IndependentSearch] {
        var candidates = [winner]
        var seen: Set<[[Int]]> = [[winner.schedule.assignment, Refiner.priority(of: winner.schedule)]]
        let ceiling = winner.score + abs(winner.score) * rankingTolerance
        for search in finished.sorted(by: { ($0.score, $0.index) < ($1.score, $1.index) })
            where candidates.count < limit && search.score <= ceiling
            && seen.insert([search.schedule.assignment, Refiner.priority(of: search.schedule)]).inserted {
            candidates.append(search)
        }
        return candidates
    }

    /// The ranked searches of a search's outcome: its final plan (explained by `records`' moves),
    /// then the other candidates (explained by their moves and the multi-start record).
    func rankedSearches(_ final: Schedule, records: [SearchRecord], searches: MultiStartOutcome) -> [RankedSearch] {
        let summary = searches.summary.map { [$0] } ?? []
        return [RankedSearch(index: searches.winner.index, schedule: final, moves: records.filter(\.isMove))]
            + searches.candidates.dropFirst().map { RankedSearch(index: $0.index, schedule: $0.schedule, moves: $0.records.filter(\.isMove) + summary) }
    }

    /// The ranking stage: every ranked search through the contended stage from the same start and
    /// refiner state, the best final plan kept (ties to the lowest search index).
    func rankingStage(_ searches: [RankedSearch], start: Refiner.Candidate, seeds: Seeds, refiner: Refiner,
                      problem: PlanProblem) -> RankingOutcome {
        let plans = searches.map { contendedStage($0, start: start, seeds: seeds, refiner: refiner, problem: problem) }
        let objective = seeds.objective
        var best = plans[0]
        for plan in plans.dropFirst() {
            let (score, bestScore) = (objective.score(plan.schedule), objective.score(best.schedule))
            if score < bestScore - 1e-9 || (score <= bestScore + 1e-9 && plan.index < best.index) { best = plan }
        }
        var records = best.records
        if plans.count > 1 {
            records.append(.searchRanking(SearchRecord.RankingSummary(labels: plans.map(\.label), searches: plans.filter { $0.stage == nil }.count,
                                                                      ideal: plans.map(\.ideal), contended: plans.map { seeds.figure($0.schedule) },
                                                                      winner: best.label)))
        }
        let shared = plans.contains(where: \.refined) ? refiner.evaluations : 0
        return RankingOutcome(schedule: best.schedule, evaluations: shared + plans.reduce(0) { $0 + $1.evaluations }, records: records)
    }
}
