import HeteroRecords

/// The multi-start stage of `OptimizeStrategy.search`: after the seeds and the coarse ILP, which
/// do not depend on the seed, independent searches (refine, elite, ejection chains, windows,
/// enumeration, perturbation and decode, stages 4-10), each from its start
/// (OptimizeStrategy+SearchStarts.swift) with its own seed; the best plan wins, by its score and
/// then by the lowest search index, so the plan does not depend on which search finished first.
/// Search 0 starts from the best start with the seed given (`--seed`) and is exactly the single
/// search, so the stage never gives a plan worse than one search would. Under contention the
/// search score is the ideal interconnect's, so the best few distinct plans go on to the contended
/// stage and the best contended plan is kept (OptimizeStrategy+SearchRanking.swift).
///
/// Why: on the CCR-5 40-task classic instances furthest above CP-SAT (Results/cpsat-oracle.md),
/// neither larger windows nor restarts from the best helped, but the unchanged pipeline with other
/// seeds ended 1-4% lower; every search anneals from the same descent optimum, and the seed decides
/// which basin its annealing, elite starts and windows reach. Independent descents keep that
/// diversity where restarts from one incumbent lose it. Where the best start itself leads to a
/// worse basin, no seed helps: searches from the other starts do.
///
/// How many: `PlanOptions.searchStarts`, else `defaultSearchStarts` — as many searches from the
/// best start as fit in `multiStartOperators` operators (between 1 and `maximumSearchStarts`),
/// so only small graphs (where one search takes a fraction of a second) get more than one, plus
/// `otherStartSearches` from the next starts. Under an explicit `--time-limit` with
/// `--max-searches` (anytime), further searches follow (`startIndex`'s order) while the clock admits them
/// (`SearchClock.admitsAnotherSearch`), at most `PlanOptions.maximumTimedSearches`; the plan is
/// the one `searchStarts` = the number completed would give, unless the cap cut a search short.
/// Graphs small enough for the exact MILP get no further searches: the time goes to the MILP.
/// With `PlanOptions.searchThreads` > 1 the searches run on that many threads (`_ParallelRuns`);
/// the plan is the same for any number of threads.
extension OptimizeStrategy {
    /// Graphs get one search per this many operators (at least one).
    static let multiStartOperators = 160
    /// At most this many independent searches by default.
    static let maximumSearchStarts = 4

    /// The number of independent searches from the best start: `multiStartOperators` / operators,
    /// between 1 and `maximumSearchStarts`.
    static func sameStartSearches(_ problem: PlanProblem) -> Int {
        max(1, min(maximumSearchStarts, multiStartOperators / max(1, problem.operatorCount)))
    }

    /// Other-start searches by default where the unit-swap stage does not run.
    static let defaultOtherStartSearches = 2
    /// Operators x units above which other-start searches are not run by default: one search
    /// there already takes tens of seconds (ResNet-50 split over the 400 AI Engine tiles, 2,495 x
    /// 402: two more cost x1.54, 80.7 -> 123.9 user s, for the same interval 6,436.985 us), while
    /// the 54 model plans where they gain are at most 668 x 6.
    static let otherStartWork = 20_000

    /// The other-start searches of the multi-start stage: `PlanOptions.otherStartSearches` when
    /// given, else `defaultOtherStartSearches` on graphs where the unit-swap stage does not run and
    /// operators x units is at most `otherStartWork`, none elsewhere. The extra budget goes to one
    /// or the other: the swap stage found the gains on small graphs (Results/search-swaps.md), the
    /// other starts on large ones, and with
    /// both the continuation, starting from the better searches' plan, ended higher on 2 of 16
    /// 80-task classic graphs (Results/search-other-starts-default.md).
    static func otherStartSearches(_ problem: PlanProblem, options: PlanOptions) -> Int {
        if let given = options.otherStartSearches { return max(0, given) }
        let (work, overflow) = problem.operatorCount.multipliedReportingOverflow(by: problem.unitCount)
        guard !unitSwapStageRuns(problem, options: options), !overflow, work <= otherStartWork else { return 0 }
        return defaultOtherStartSearches
    }

    /// The default number of independent searches: `sameStartSearches`, then one from each of the
    /// next `otherStartSearches` starts (as many as there are).
    static func defaultSearchStarts(_ problem: PlanProblem, starts: Int, options: PlanOptions) -> Int {
        sameStartSearches(problem) + min(otherStartSearches(problem, options: options), starts - 1)
    }

    /// The seed of independent search `index`: the seed given for search 0, else the `index`-th
    /// draw of a `SplitMix64` stream of it.
    static func searchSeed(_ seed: UInt64, index: Int) -> UInt64 {
        var rng = SplitMix64(seed: seed)
        var derived = seed
        for _ in 0..<index { derived = rng.next() }
        return derived
    }

    /// One independent search's plan, its score and its records.
    struct IndependentSearch {
        var index: Int
        /// Its start's name.
        var start: String
        var schedule: Schedule
        var score: Double
        /// The refiner's evaluations at the end (those made before the searches split included).
        var evaluations: Int
        var records: [SearchRecord]
    }

    /// The winning search, the evaluations of all of them (those before they split counted once),
    /// the searches a contended plan ranks (`rankingCandidates`, the winner first) and the
    /// multi-start record (nil for one search).
    struct MultiStartOutcome {
        var winner: IndependentSearch
        /// How many searches ran.
        var count: Int
        /// How many searches ran, less the first `PlanOptions.otherStartSearches` searches from other
        /// starts among them: the unit-swap stage draws its seeds as it would after that many
        /// searches, so the default other-start searches leave it as `--other-starts 0` runs it (and
        /// a timed run of N searches draws as `--search-starts N` does).
        var countWithoutOtherStarts: Int
        var evaluations: Int
        var candidates: [IndependentSearch]
        var summary: SearchRecord?
    }

    /// Stages 4-10 for every independent search, then the winner. `refiner` is the state after the
    /// coarse ILP; each search starts from its own copy of it.
    func independentSearchesStage(_ start: Refiner.Candidate, seeds: Seeds, coarse: Refiner.Candidate?, refiner: Refiner,
                                  options: PlanOptions, log: inout [SearchRecord]) throws(PlanError) -> MultiStartOutcome {
        let starts = searchStarts(start, seeds: seeds, coarse: coarse)
        let sameStart = Self.sameStartSearches(refiner.problem)
        let count = max(1, options.searchStarts ?? Self.defaultSearchStarts(refiner.problem, starts: starts.count, options: options))
        let clock = refiner.clock
        let anytime = clock.buysSearches && !exactStageApplies(refiner.problem, options: options)
        let searches = _ParallelRuns.map(threads: options.searchThreads, maximum: anytime ? max(count, options.maximumTimedSearches) : count,
                                         admitting: { $0 < count || clock.admitsAnotherSearch() }) { index in
            let began = SearchClock.now()
            defer { if anytime { clock.searchFinished(seconds: SearchClock.now() - began) } }
            let from = starts[Self.startIndex(of: index, sameStart: sameStart, starts: starts.count)]
            return Result { () throws(PlanError) in
                try independentSearch(index, from: from, seeds: seeds, coarse: coarse, refiner: refiner, options: options)
            }
        }
        var finished: [IndependentSearch] = []
        for search in searches { finished.append(try search.get()) }
        var best = finished[0]
        for search in finished.dropFirst() where search.score < best.score - 1e-9 { best = search }
        log += best.records
        let shared = refiner.evaluations
        let evaluations = shared + finished.reduce(0) { $0 + $1.evaluations - shared }
        let summary: SearchRecord? = finished.count > 1
            ? .multiStart(SearchRecord.MultiStartSummary(objective: options.objective, scores: finished.map(\.score),
                                                         starts: finished.map(\.start), winner: best.index,
                                                         evaluations: evaluations, timed: finished.count > count))
            : nil
        if let summary { log.append(summary) }
        let otherStarts = min(Self.otherStartSearches(refiner.problem, options: options), max(0, finished.count - sameStart))
        return MultiStartOutcome(winner: best, count: finished.count, countWithoutOtherStarts: finished.count - otherStarts, evaluations: evaluations,
                                 candidates: Self.rankingCandidates(finished, winner: best, limit: options.rankedSearches), summary: summary)
    }

    /// Independent search `index`: stages 4-10 from `from` with `searchSeed(options.seed, index)`.
    /// A start other than the best is evaluated first (one evaluation of this search), and its
    /// search gets the refinement budget / `PlanOptions.otherStartBudgetDivisor`.
    func independentSearch(_ index: Int, from: SearchStart, seeds: Seeds, coarse: Refiner.Candidate?, refiner: Refiner,
                           options: PlanOptions) throws(PlanError) -> IndependentSearch {
        var options = options
        options.seed = Self.searchSeed(options.seed, index: index)
        var refiner = refiner.reseeded(options.seed)
        if !from.evaluated {
            options.evaluationBudget = max(1, refiner.budget / max(1, options.otherStartBudgetDivisor))
            refiner = refiner.budgeted(options.evaluationBudget!)
        }
        var log: [SearchRecord] = []
        let start = Refiner.Candidate(assignment: from.assignment, priority: from.priority,
                                      score: from.evaluated ? from.score : refiner.evaluate(from.assignment, priority: from.priority))
        let chained = StageTimings.measure(.refinement) {
            let refined = refineStage(start, refiner: &refiner, log: &log)
            let elite = eliteStage(refined, seeds: seeds, coarse: coarse, refiner: &refiner, options: options, log: &log)
            return chainStage(elite, refiner: &refiner, options: options, log: &log)
        }
        let windowed = try StageTimings.measure(.windowSearch) { () throws(PlanError) in
            try windowStage(chained, refiner: &refiner, options: options, log: &log)
        }
        let best = StageTimings.measure(.windowSearch) { enumerationStage(windowed, refiner: &refiner, options: options, log: &log) }
        let kicked = StageTimings.measure(.refinement) { perturbationStage(best, refiner: &refiner, options: options, log: &log) }
        let final = kicked.assignment == best.assignment && kicked.priority == best.priority
            ? decodeStage(best, seeds: seeds, problem: refiner.problem)
            : decodeStage(kicked, seeds: seeds, problem: refiner.problem, alternatives: [decodeStage(best, seeds: seeds, problem: refiner.problem)])
        return IndependentSearch(index: index, start: from.name, schedule: final, score: seeds.objective.score(final),
                                 evaluations: refiner.evaluations, records: log)
    }
}
