import HeteroRecords

/// Stage 5 of `OptimizeStrategy.search`: multi-start, an elite pool and path relinking, to leave
/// the assignment local optimum the refine stage ends in (issue 13: seeds alone move a plan by
/// several percent, so single-trajectory search leaves plans in other basins unvisited).
///
/// Its own stages, in order:
/// 1. **starts** — deterministic other starts (`eliteStarts`);
/// 2. **multi-start** — each start descended and annealed with its own seed, into the pool;
/// 3. **relink** — walks between pool members, both ways, each walk's best point annealed
///    briefly and offered to the pool, until every pair has been walked or the budget is spent.
///
/// The whole stage makes at most the refiner's budget / `eliteBudgetDivisor` evaluations (half for
/// the starts, the rest for relinking), counted like the refiner's, so it is deterministic for a
/// seed and adds a bounded share to planning time.
extension OptimizeStrategy {
    /// One start of the multi-start stage.
    struct EliteStart {
        var name: String
        var candidate: Refiner.Candidate
        /// Already a local optimum of steepest descent: only annealed.
        var descended: Bool
        /// The seed of its annealing.
        var seed: UInt64
    }

    /// What the elite stage did, for `--explain`.
    struct EliteOutcome {
        var pool: ElitePool
        var starts: Int
        var walks: Int
        /// Where the best plan came from (a start's name, "relinking", or "refine").
        var source: String
    }

    /// Stage 5, elite: returns the pool's best plan (never worse than `refined.best`, a member).
    func eliteStage(_ refined: Refined, seeds: Seeds, coarse: Refiner.Candidate?, refiner: inout Refiner,
                    options: PlanOptions, log: inout [SearchRecord]) -> Refiner.Candidate {
        let problem = refiner.problem
        guard options.eliteStarts > 0, problem.unitCount > 1, problem.operatorCount > 1 else { return refined.best }
        let stageBudget = max(1, refiner.budget / options.eliteBudgetDivisor)
        var outcome = EliteOutcome(pool: ElitePool(capacity: options.elitePoolSize,
                                                   minimumDistance: problem.operatorCount / Self.eliteDistanceDivisor),
                                   starts: 0, walks: 0, source: "refine")
        outcome.pool.insert(refined.best)
        let starts = startsStage(refined, seeds: seeds, coarse: coarse, refiner: &refiner, options: options)
        multiStartStage(starts, refiner: &refiner, budget: stageBudget / 2, outcome: &outcome)
        relinkStage(refiner: &refiner, limit: refiner.evaluations + stageBudget - stageBudget / 2, options: options,
                    outcome: &outcome)
        let best = outcome.pool.best!
        log.append(.elite(SearchRecord.EliteSummary(objective: options.objective, starts: outcome.starts, members: outcome.pool.members.count, walks: outcome.walks,
                                                    from: refined.best.score, to: best.score, source: outcome.source)))
        return best
    }

    /// Pool members differ in at least operators / this many units (at least one).
    static let eliteDistanceDivisor = 50
    /// Randomised HEFT's rank noise (`RandomisedHEFT.spread`).
    static let randomisedSpread = 0.5
    /// A relinking walk considers at most this many of the remaining steps at each step.
    static let relinkBreadth = 24

    /// Stage 5.1, starts: in this order, until `options.eliteStarts` are taken — the descended plan
    /// annealed with the next seed, HEFT's, PEFT's and the coarse ILP's plans (when they are not
    /// where refine started), then alternately randomised HEFT and re-annealing with further seeds.
    /// Each start's list schedule costs one evaluation.
    func startsStage(_ refined: Refined, seeds: Seeds, coarse: Refiner.Candidate?, refiner: inout Refiner,
                     options: PlanOptions) -> [EliteStart] {
        var starts: [EliteStart] = []
        var seen: Set<[Int]> = [refined.descended.assignment]
        let seedBase = options.seed &* 0x9E37_79B9_7F4A_7C15
        func add(_ name: String, _ candidate: Refiner.Candidate, descended: Bool = false) {
            guard starts.count < options.eliteStarts, descended || seen.insert(candidate.assignment).inserted else { return }
            starts.append(EliteStart(name: name, candidate: candidate, descended: descended, seed: seedBase &+ UInt64(starts.count + 1)))
        }
        func candidate(_ schedule: Schedule) -> Refiner.Candidate {
            let priority = Refiner.priority(of: schedule)
            return Refiner.Candidate(assignment: schedule.assignment, priority: priority,
                                     score: refiner.evaluate(schedule.assignment, priority: priority))
        }
        add("re-annealed 1", refined.descended, descended: true)
        for (name, schedule) in seeds.all where name == "heft" || name == "peft" { add(name, candidate(schedule)) }
        if let coarse { add("coarse ILP", coarse) }
        var round = 1
        while starts.count < options.eliteStarts {
            let randomised = RandomisedHEFT.schedule(refiner.problem, seed: seedBase &+ UInt64(round), spread: Self.randomisedSpread)
            add("randomised HEFT \(round)", candidate(randomised))
            round += 1
            add("re-annealed \(round)", refined.descended, descended: true)
            if round > 4 * options.eliteStarts { break }
        }
        return starts
    }

    /// Stage 5.2, multi-start: each start gets an equal share of `budget` evaluations — steepest
    /// descent (unless it is already a descent optimum), then annealing with its own seed and a
    /// patience of half its share — and its best plan is offered to the pool.
    func multiStartStage(_ starts: [EliteStart], refiner: inout Refiner, budget: Int, outcome: inout EliteOutcome) {
        guard !starts.isEmpty else { return }
        let share = max(1, budget / starts.count)
        for start in starts where !refiner.clock.expired() {
            let limit = refiner.evaluations + share
            let descended = start.descended ? start.candidate : refiner.descend(start.candidate, limit: limit)
            let best = refiner.anneal(from: descended, seed: start.seed, limit: limit, patience: max(1, share / 2))
            outcome.starts += 1
            if outcome.pool.insert(best) && outcome.pool.best!.assignment == best.assignment { outcome.source = start.name }
        }
    }

    /// Stage 5.3, relink: for each pair of pool members, best pairs first, a walk from each
    /// towards the other (`Refiner.relink`); the walk's best point is annealed with a share of the
    /// budget (a tenth of what was left when the stage began) and offered to the pool. Pairs made
    /// by plans that enter the pool are walked too, until no pair is left or `limit` is reached.
    func relinkStage(refiner: inout Refiner, limit: Int, options: PlanOptions, outcome: inout EliteOutcome) {
        let polish = max(1, (limit - refiner.evaluations) / 10)
        var walked: Set<[[Int]]> = []
        var seed = options.seed &* 0xD1B5_4A32_D192_ED03
        var progress = true
        while progress && refiner.evaluations < limit && !refiner.clock.expired() {
            progress = false
            for (i, j) in outcome.pool.pairs {
                let members = outcome.pool.members
                guard i < members.count, j < members.count else { break }
                for (from, towards) in [(members[i], members[j]), (members[j], members[i])] {
                    guard refiner.evaluations < limit, walked.insert([from.assignment, towards.assignment]).inserted else { continue }
                    progress = true
                    outcome.walks += 1
                    guard let point = refiner.relink(from: from, towards: towards, breadth: Self.relinkBreadth, limit: limit) else { continue }
                    seed &+= 1
                    let polished = refiner.anneal(from: point, seed: seed, limit: min(limit, refiner.evaluations + polish),
                                                  patience: max(1, polish / 2))
                    if outcome.pool.insert(polished) && outcome.pool.best!.assignment == polished.assignment { outcome.source = "relinking" }
                }
                if outcome.pool.members.map(\.assignment) != members.map(\.assignment) { break }
            }
        }
    }
}
