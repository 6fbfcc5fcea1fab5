/// Where the independent searches of the multi-start stage (OptimizeStrategy+MultiStart.swift)
/// start.
///
/// Why: every search used to start from the best seed, so where that seed leads away from a good
/// basin all of them end there. On snapdragon-8gen2 DenseNet-121 the home-unit seed (added after
/// session 23, 3,779.2 us) replaced HEFT's plan (4,048.6 us) as the best seed, and the plan got
/// 2.5% worse (3,504.8 -> 3,591.7 us) although the seed was better: with 2 or 4 seeds every search
/// ended at the same score. One search from HEFT's plan (`--other-starts 1`, half the refinement
/// budget) ends at 3,504.8 us again. The elite stage anneals the other seeds too, but only within
/// a tenth of the budget, which does not reach that basin. Under `--time-limit` the further
/// searches take these starts in turn.
///
/// The starts, in order: the best one (where every search started before), then each other seed
/// plan (HEFT, PEFT, greedy, fallback, home unit, ...) and the coarse ILP's plan whose assignment
/// differs from every start before it, best score first (ties in the seeds' order).
extension OptimizeStrategy {
    /// One start of an independent search.
    struct SearchStart {
        var name: String
        var assignment: [Int]
        var priority: [Int]
        /// The start's score (its list schedule's, or the coarse ILP candidate's), which orders
        /// the other starts.
        var score: Double
        /// Whether `score` is the refiner's evaluation of the start (the best start's): the
        /// others are evaluated by the search that starts from them.
        var evaluated = false
    }

    /// The starts of the independent searches: `best` first, then the other distinct plans.
    func searchStarts(_ best: Refiner.Candidate, seeds: Seeds, coarse: Refiner.Candidate?) -> [SearchStart] {
        let bestName = coarse.map { $0.assignment == best.assignment && $0.priority == best.priority } == true
            ? "coarse ILP" : seeds.best.name
        var others = seeds.all.map { seed in
            SearchStart(name: seed.name, assignment: seed.schedule.assignment, priority: Refiner.priority(of: seed.schedule),
                        score: seeds.objective.score(seed.schedule))
        }
        if let coarse { others.append(SearchStart(name: "coarse ILP", assignment: coarse.assignment, priority: coarse.priority, score: coarse.score)) }
        var starts = [SearchStart(name: bestName, assignment: best.assignment, priority: best.priority, score: best.score, evaluated: true)]
        var seen: Set<[Int]> = [best.assignment]
        for start in others.enumerated().sorted(by: { ($0.element.score, $0.offset) < ($1.element.score, $1.offset) }).map(\.element)
            where seen.insert(start.assignment).inserted {
            starts.append(start)
        }
        return starts
    }

    /// The start of independent search `index`: the first `sameStart` searches start from the
    /// best start (each with its own seed); then the other starts in turn, then the best again,
    /// and so on, so a search's start never depends on how many searches run.
    static func startIndex(of index: Int, sameStart: Int, starts: Int) -> Int {
        index < sameStart ? 0 : (index - sameStart + 1) % max(1, starts)
    }
}
