import Foundation
import HeteroRecords

/// Local search on the true scheduled makespan, in the spirit of Fiduccia-Mattheyses: moves of
/// single operators and of coarse groups to other units, and priority changes, each evaluated by
/// list-scheduling the whole graph. A steepest-descent pass over every (group, unit) move comes
/// first; then a seeded simulated-annealing phase explores, always remembering the best schedule.
///
/// The search budget is counted in evaluations, not seconds, so the same inputs and seed give the
/// same plan on any machine; only a requested time cap (`SearchClock`) also stops it on the clock.
/// The tuning constants are named in `Refiner.Tuning` (Refiner+Tuning.swift).
struct Refiner {
    let problem: PlanProblem
    let coarsening: Coarsening
    private(set) var options: PlanOptions
    /// The requested wall-clock cap, if any.
    let clock: SearchClock
    /// What is minimised; `Candidate.score` (the makespan for latency).
    let objective: ObjectiveScore

    struct Candidate {
        var assignment: [Int]
        var priority: [Int]
        /// The objective's score (the makespan when optimising latency).
        var score: Double
    }

    /// Units each coarse group can run on (all members capable).
    let groupUnits: [[Int]]
    /// Units each operator can run on.
    let opUnits: [[Int]]
    /// Members of fused composites: they move only with their group.
    let fusedMembers: Set<Int>
    /// Interchangeable units: moves go to one idle unit per class (`UnitSymmetry.moveTargets`).
    let symmetry: UnitSymmetry
    /// Where evaluation counts are reported (never read by the search).
    let progress = PlanProgress.current

    /// Whether half of annealing's exchange moves swap two operators' units (`swapping()`).
    private(set) var swaps = false
    private(set) var evaluations = 0
    /// Scores of pairs evaluated recently (`_ScoreMemo`): a repeated pair is not list-scheduled again.
    private var memo = _ScoreMemo()
    /// Operator timings of the previous evaluation, updated per move (`_TimingCache`).
    private var timings = _TimingCache()
    /// The moves that improved the best score, in order.
    var improvements: [SearchRecord] = []

    /// What a steepest-descent move relocates: a coarse group (all its members) or one operator.
    enum MoveScope: CaseIterable {
        case group
        case `operator`
    }

    init(problem: PlanProblem, coarsening: Coarsening, options: PlanOptions, clock: SearchClock = SearchClock(limitSeconds: nil), objective: ObjectiveScore) {
        self.problem = problem
        self.coarsening = coarsening
        self.options = options
        self.clock = clock
        self.objective = objective
        groupUnits = coarsening.groups.indices.map { coarsening.capableUnits($0, problem) }
        opUnits = (0..<problem.operatorCount).map { problem.costs.capableUnits($0) }
        fusedMembers = Set(problem.costs.composites.flatMap { $0 })
        symmetry = problem.symmetry
    }

    /// This refiner, its evaluations and memo included, with another seed for its randomised moves:
    /// the start of one independent search of the multi-start stage.
    func reseeded(_ seed: UInt64) -> Refiner {
        var copy = self
        copy.options.seed = seed
        return copy
    }

    /// This refiner with unit swaps among annealing's moves (the unit-swap stage,
    /// OptimizeStrategy+UnitSwaps.swift).
    func swapping() -> Refiner {
        var copy = self
        copy.swaps = true
        return copy
    }

    /// This refiner with another evaluation budget (a search from another start's share).
    func budgeted(_ budget: Int) -> Refiner {
        var copy = self
        copy.options.evaluationBudget = max(1, budget)
        return copy
    }

    /// The evaluation budget: about `Tuning.edgeVisits` edge visits, between
    /// `Tuning.minimumBudget` and `Tuning.maximumBudget` evaluations (divided by
    /// `Tuning.memoryBudgetDivisor` for the memory objective, whose evaluations also sweep the
    /// lifetimes).
    var budget: Int {
        options.evaluationBudget ?? Self.defaultBudget(problem, objective: objective.objective)
    }

    static func defaultBudget(_ problem: PlanProblem, objective: PlanOptions.Objective) -> Int {
        let size = problem.operatorCount + problem.edges.count
        let base = max(Tuning.minimumBudget, min(Tuning.maximumBudget, Tuning.edgeVisits / max(1, size)))
        return objective == .memory ? max(Tuning.minimumMemoryBudget, base / Tuning.memoryBudgetDivisor) : base
    }

    /// Priority order from a schedule: by start time, ties by index (a topological tie-break).
    static func priority(of schedule: Schedule) -> [Int] {
        schedule.operators.indices.sorted {
            let a = schedule.operators[$0].startUS, b = schedule.operators[$1].startUS
            return a != b ? a < b : $0 < $1
        }
    }

    /// Evaluates an assignment with priorities from actual ranks (upward ranks on the assigned units).
    mutating func evaluate(_ assignment: [Int], priority: [Int]) -> Double {
        evaluations += 1
        if evaluations & (PlanProgress.evaluationStride - 1) == 0, let progress { progress.evaluated(evaluations, budget: budget) }
        var cache = _TimingCache()
        swap(&cache, &timings)
        defer { swap(&cache, &timings) }
        return memo.score(assignment, priority) { objective.score(assignment: assignment, priority: priority, timings: &cache) }
    }

    /// Upward ranks under a fixed assignment: the critical path to the exit through actual costs.
    func actualRankOrder(_ assignment: [Int]) -> [Int] {
        var rank = [Double](repeating: 0, count: problem.operatorCount)
        for op in (0..<problem.operatorCount).reversed() {
            var tail = 0.0
            for edge in problem.outgoing[op] {
                tail = max(tail, problem.communication(edge, from: assignment[op], to: assignment[edge.consumer]) + rank[edge.consumer])
            }
            rank[op] = (problem.exec(op, assignment[op]) ?? 0) + tail
        }
        return Ranks.order(byDecreasing: rank)
    }

    /// Best of the start-order and the actual-rank order for an assignment.
    mutating func bestOrder(_ assignment: [Int], startOrder: [Int]) -> Candidate {
        let byRank = actualRankOrder(assignment)
        let a = evaluate(assignment, priority: startOrder)
        let b = evaluate(assignment, priority: byRank)
        return a <= b ? Candidate(assignment: assignment, priority: startOrder, score: a)
                      : Candidate(assignment: assignment, priority: byRank, score: b)
    }

    /// Steepest descent, then annealing, from `start`; returns the best candidate seen.
    mutating func refine(_ start: Candidate) -> Candidate {
        anneal(from: descend(start))
    }

    /// The default annealing patience: `options.patience`, else a quarter of the budget
    /// (`Tuning.patienceDivisor`), at least `Tuning.minimumPatience`.
    var patience: Int {
        options.patience ?? max(Tuning.minimumPatience, budget / Tuning.patienceDivisor)
    }

    /// Phase 1: steepest descent over group moves, then single-operator moves, until no move
    /// gains or half the budget (`Tuning.descentShare`) is spent.
    mutating func descend(_ start: Candidate) -> Candidate {
        descend(start, limit: budget / Tuning.descentShare)
    }

    /// Steepest descent from `start` until no move gains or the refiner has made `limit`
    /// evaluations in all.
    mutating func descend(_ start: Candidate, limit descentBudget: Int) -> Candidate {
        var best = start
        var improved = true
        while improved && evaluations < descentBudget && !pastDeadline {
            improved = false
            for scope in MoveScope.allCases {
                let count = scope == .group ? coarsening.groups.count : problem.operatorCount
                for item in 0..<count {
                    let members = scope == .group ? coarsening.groups[item] : [item]
                    if scope == .group && members.count == 1 { continue }
                    if scope == .operator && fusedMembers.contains(item) { continue }
                    let units = scope == .group ? symmetry.moveTargets(groupUnits[item], best.assignment)
                        : symmetry.moveTargets(opUnits[item], best.assignment, near: problem.handOffPartners(item, best.assignment))
                    for unit in units where members.contains(where: { best.assignment[$0] != unit }) {
                        var assignment = best.assignment
                        for op in members { assignment[op] = unit }
                        let candidate = bestOrder(assignment, startOrder: best.priority)
                        if candidate.score < best.score - 1e-9 {
                            note(members, unit, from: best.score, to: candidate.score)
                            best = candidate
                            improved = true
                        }
                    }
                    if evaluations >= descentBudget || pastDeadline { break }
                }
            }
        }
        return best
    }

    /// Phase 2: seeded simulated annealing with restarts from the best (Kirkpatrick et al. 1983).
    /// Each step draws a move from `Tuning.moveMix` (an operator or a group to another unit, two
    /// operators' units swapped in a swapping refiner, or an operator moved in the priority order); the temperature starts at
    /// `Tuning.initialTemperature` of the best score, cools by `Tuning.cooling` per step, and
    /// after every `Tuning.restartInterval` steps without improvement the walk restarts from the
    /// best at `Tuning.restartTemperature`. It stops after the budget, or after `patience` steps
    /// without improvement.
    mutating func anneal(from start: Candidate) -> Candidate {
        anneal(from: start, seed: options.seed, limit: budget, patience: patience)
    }

    /// Annealing from `start` with its own random stream `seed`, until the refiner has made
    /// `limit` evaluations in all or `patience` steps found nothing better; moves drawn from `mix`.
    mutating func anneal(from start: Candidate, seed: UInt64, limit: Int, patience: Int,
                         mix: MoveMix = Tuning.moveMix) -> Candidate {
        var best = start
        var rng = SplitMix64(seed: seed)
        var current = best
        var temperature = best.score * Tuning.initialTemperature
        var sinceImprovement = 0
        while evaluations < limit && sinceImprovement < patience && !pastDeadline {
            var assignment = current.assignment
            var priority = current.priority
            switch mix.draw(&rng, swaps: swaps) {
            case .operator:
                let op = Int(rng.next() % UInt64(problem.operatorCount))
                // Annealing draws among one idle tile per class, without the hand-off partners' idle
                // neighbours (`handOffPartners`): with them ResNet-50 on the 400 tiles annealed to
                // 7,609.7 us instead of 7,053.7 (the sweeps below and the repair still try them).
                let units = symmetry.moveTargets(opUnits[op], current.assignment)
                let unit = units[Int(rng.next() % UInt64(units.count))]
                if fusedMembers.contains(op) {
                    let group = coarsening.groupOf[op]
                    guard groupUnits[group].contains(unit) else { continue }
                    for member in coarsening.groups[group] { assignment[member] = unit }
                } else {
                    assignment[op] = unit
                }
            case .group:
                let group = Int(rng.next() % UInt64(coarsening.groups.count))
                let units = symmetry.moveTargets(groupUnits[group], current.assignment)
                guard !units.isEmpty else { continue }
                let unit = units[Int(rng.next() % UInt64(units.count))]
                for op in coarsening.groups[group] { assignment[op] = unit }
            case .swap:
                // Exchange the units of two operators: on many units with cheap transfers the better
                // plans differ in which tasks share the busiest unit, and a swap changes two units' loads
                // only by the difference of the tasks' times, where a single move must first overload one
                // unit (Results/search-swaps.md).
                let a = Int(rng.next() % UInt64(problem.operatorCount))
                let b = Int(rng.next() % UInt64(problem.operatorCount))
                let unitA = assignment[a], unitB = assignment[b]
                guard unitA != unitB, !fusedMembers.contains(a), !fusedMembers.contains(b),
                      opUnits[a].contains(unitB), opUnits[b].contains(unitA) else { continue }
                assignment[a] = unitB
                assignment[b] = unitA
            case .reorder:
                // Move one operator earlier or later in the priority order.
                let from = Int(rng.next() % UInt64(priority.count))
                let to = Int(rng.next() % UInt64(priority.count))
                let op = priority.remove(at: from)
                priority.insert(op, at: to)
            }
            let makespan = evaluate(assignment, priority: priority)
            let delta = makespan - current.score
            let accept = delta <= 0 || Double(rng.next() % Tuning.acceptanceResolution) / Double(Tuning.acceptanceResolution)
                < exp(-delta / max(temperature, 1e-12))
            if accept {
                current = Candidate(assignment: assignment, priority: priority, score: makespan)
            }
            if makespan < best.score - 1e-9 {
                if objective.improvesFigure(from: best.score, to: makespan) {
                    improvements.append(.annealing(objective: objective.objective, from: best.score, to: makespan))
                }
                best = current
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            temperature *= Tuning.cooling
            if sinceImprovement > 0 && sinceImprovement % Tuning.restartInterval == 0 {
                current = best
                temperature = best.score * Tuning.restartTemperature
            }
        }
        return best
    }

    private var pastDeadline: Bool { clock.expired() }

    private mutating func note(_ members: [Int], _ unit: Int, from: Double, to: Double) {
        guard objective.improvesFigure(from: from, to: to) else { return }
        let names = members.count == 1 ? problem.graph.operators[members[0]].label
            : "\(members.count) operators from \(problem.graph.operators[members[0]].label)"
        improvements.append(.moved(subject: names, unitName: problem.costs.unitNames[unit], objective: objective.objective,
                                   from: from, to: to))
    }
}
