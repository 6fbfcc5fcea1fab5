import Foundation
import HeteroRecords

/// The iterated-greedy stage of `OptimizeStrategy.search`, last, on the final plan (Ruiz & Stützle
/// 2007, "A simple and effective iterated greedy algorithm for the permutation flowshop
/// scheduling problem"; destroy and rebuild as used for DAG scheduling). Latency only, several
/// units, on graphs of at most `iteratedGreedyOperators` operators.
///
/// Each round: **destroy** — a random share `destroyShare` of the operators loses its unit (every
/// other round the busiest unit's operators first, then random others); **rebuild** — HEFT's list
/// scheduling (`HEFTStrategy.schedule(_:priority:kept:)`) places each removed operator on the unit
/// and idle slot giving its earliest finish, with the communication of its placed neighbours,
/// the others staying on their units, once in upward-rank order, once in the actual-rank order of
/// the current assignment and once in the current plan's order; the best rebuilt plan (scored by
/// the refiner with its start order or its actual-rank order, `Refiner.bestOrder`) is **repaired**
/// by steepest descent (`Refiner.descend`) within `rebuildDescentEvaluations`, then **accepted**
/// when better, or worse with Metropolis probability at the constant temperature
/// `greedyTemperature` of the current score, the best plan seen being kept. It stops after the
/// refiner's budget / `iteratedGreedyBudgetDivisor` evaluations; the randomness is a `SplitMix64` stream of the seed,
/// so the plan is a function of the inputs and options. The plan is kept only when it scores
/// strictly better than the plan it started from (decoded with and without insertion), so the
/// stage never makes a plan worse.
///
/// Why: on the 8-unit 40-task instances above CP-SAT's optima, the better plans move most of the
/// tasks across all units and need another order with them (Results/cpsat-diagnose-8units.md):
/// single and pair moves judged with one order do not reach them, a rebuild changes the
/// assignment and the order together (Results/iterated-greedy-probe.md).
extension OptimizeStrategy {
    /// Graphs of at most this many operators get the stage (where its rounds pay back).
    static let iteratedGreedyOperators = 80
    /// The stage's work: the refiner's budget (one search's, `Refiner.budget`) / this, in evaluations.
    static let iteratedGreedyBudgetDivisor = 2
    /// The share of operators a round removes, drawn uniformly (per mille).
    static let destroyShare = 300...600
    /// Evaluations of the descent repairing each rebuilt plan.
    static let rebuildDescentEvaluations = 1_500
    /// The acceptance temperature, as a fraction of the current score.
    static let greedyTemperature = 0.02

    /// The iterated-greedy stage's plan and record.
    struct IteratedGreedyOutcome {
        /// The stage's plan when it scores strictly better than the plan it started from, else nil.
        var improved: Schedule?
        var record: SearchRecord
    }

    /// Whether the iterated-greedy stage runs: `PlanOptions.iteratedGreedy` on, latency, several
    /// units and at most `iteratedGreedyOperators` operators.
    static func iteratedGreedyStageRuns(_ problem: PlanProblem, options: PlanOptions) -> Bool {
        options.iteratedGreedy && options.objective == .latency && problem.unitCount > 1 && problem.operatorCount >= 2
            && problem.operatorCount <= iteratedGreedyOperators
    }

    /// The iterated-greedy stage from `plan`; nil when it does not run.
    func iteratedGreedyStage(_ plan: Schedule, seeds: Seeds, refiner: Refiner, options: PlanOptions) -> IteratedGreedyOutcome? {
        let problem = refiner.problem
        guard Self.iteratedGreedyStageRuns(problem, options: options) else { return nil }
        var refiner = refiner
        let before = refiner.evaluations
        let limit = before + max(1, refiner.budget / Self.iteratedGreedyBudgetDivisor)
        let priority = Refiner.priority(of: plan)
        var current = Refiner.Candidate(assignment: plan.assignment, priority: priority,
                                        score: refiner.evaluate(plan.assignment, priority: priority))
        var best = current
        let upward = Ranks.order(byDecreasing: Ranks.upward(problem))
        var rng = SplitMix64(seed: options.seed ^ 0x1_7E6A_7ED)
        var summary = SearchRecord.IteratedGreedySummary(rounds: 0, kept: 0, evaluations: 0, from: current.score, to: current.score)
        var round = 0
        while refiner.evaluations < limit && !refiner.clock.expired() {
            round += 1
            let removed = destroyed(current.assignment, round: round, problem: problem, rng: &rng)
            let kept = (0..<problem.operatorCount).map { removed[$0] ? nil : current.assignment[$0] as Int? }
            var rebuilt: Refiner.Candidate?
            for order in [upward, refiner.actualRankOrder(current.assignment), current.priority] {
                let schedule = HEFTStrategy.schedule(problem, priority: order, kept: kept)
                let candidate = refiner.bestOrder(schedule.assignment, startOrder: Refiner.priority(of: schedule))
                if rebuilt.map({ candidate.score < $0.score }) ?? true { rebuilt = candidate }
            }
            guard let rebuilt else { break }
            let repaired = refiner.descend(rebuilt, limit: min(limit, refiner.evaluations + Self.rebuildDescentEvaluations))
            summary.rounds += 1
            let delta = repaired.score - current.score
            let draw = Double(rng.next() % Refiner.Tuning.acceptanceResolution) / Double(Refiner.Tuning.acceptanceResolution)
            if delta < -1e-9 || draw < exp(-delta / (Self.greedyTemperature * current.score)) { current = repaired }
            if repaired.score < best.score - 1e-9 {
                best = repaired
                summary.kept += 1
            }
        }
        let final = best.score < summary.from - 1e-9 ? decodeStage(best, seeds: seeds, problem: problem, alternatives: [plan]) : plan
        let to = seeds.objective.score(final)
        let improved = to < seeds.objective.score(plan) - 1e-9 ? final : nil
        summary.evaluations = refiner.evaluations - before
        summary.from = seeds.objective.score(plan)
        summary.to = improved == nil ? summary.from : to
        return IteratedGreedyOutcome(improved: improved, record: .iteratedGreedy(summary))
    }

    /// A round's removed operators: `destroyShare` of them, drawn at random; on even rounds the
    /// busiest unit's operators come first.
    private func destroyed(_ assignment: [Int], round: Int, problem: PlanProblem, rng: inout SplitMix64) -> [Bool] {
        let count = problem.operatorCount
        let span = UInt64(Self.destroyShare.count)
        let target = count * (Self.destroyShare.lowerBound + Int(rng.next() % span)) / 1000
        var removed = [Bool](repeating: false, count: count)
        var removedCount = 0
        if round % 2 == 0 {
            var busy = [Double](repeating: 0, count: problem.unitCount)
            for op in 0..<count { busy[assignment[op]] += problem.exec(op, assignment[op]) ?? 0 }
            let busiest = busy.indices.max { busy[$0] < busy[$1] } ?? 0
            for op in 0..<count where assignment[op] == busiest {
                removed[op] = true
                removedCount += 1
            }
        }
        var pool = (0..<count).filter { !removed[$0] }
        while removedCount < target && !pool.isEmpty {
            removed[pool.remove(at: Int(rng.next() % UInt64(pool.count)))] = true
            removedCount += 1
        }
        return removed
    }
}
