import Foundation
import HeteroRecords

/// Local search on the true scheduled makespan, in the spirit of Fiduccia-Mattheyses: moves of
/// single operators and of coarse groups to other units, and priority changes, each evaluated by
/// list-scheduling the whole graph. A steepest-descent pass over every (group, unit) move comes
/// first; then a seeded simulated-annealing phase explores, always remembering the best schedule.
///
/// The search budget is counted in evaluations, not seconds, so the same inputs and seed give the
/// same plan on any machine; the time limit only caps pathological cases.
struct Refiner {
    let problem: PlanProblem
    let coarsening: Coarsening
    let options: PlanOptions
    let deadline: Double
    /// What is minimised; `Candidate.score` (the makespan for latency).
    let objective: ObjectiveScore

    struct Candidate {
        var assignment: [Int]
        var priority: [Int]
        /// The objective's score (the makespan when optimising latency).
        var score: Double
    }

    private(set) var evaluations = 0
    private(set) var improvements: [Decision] = []

    init(problem: PlanProblem, coarsening: Coarsening, options: PlanOptions, deadline: Double, objective: ObjectiveScore) {
        self.problem = problem
        self.coarsening = coarsening
        self.options = options
        self.deadline = deadline
        self.objective = objective
    }

    /// The evaluation budget: about 2·10^7 edge visits, at most 200,000 evaluations (a fifth of
    /// that for the memory objective, whose evaluations also sweep the lifetimes).
    var budget: Int {
        options.evaluationBudget ?? Self.defaultBudget(problem, objective: objective.objective)
    }

    static func defaultBudget(_ problem: PlanProblem, objective: PlanOptions.Objective) -> Int {
        let size = problem.operatorCount + problem.edges.count
        let base = max(2_000, min(200_000, 20_000_000 / max(1, size)))
        return objective == .memory ? max(1_000, base / 5) : base
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
        return objective.score(assignment: assignment, priority: priority)
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

    mutating func refine(_ start: Candidate) -> Candidate {
        var best = start
        var rng = SplitMix64(seed: options.seed)
        let groupUnits = coarsening.groups.indices.map { coarsening.capableUnits($0, problem) }
        let opUnits = (0..<problem.operatorCount).map { problem.costs.capableUnits($0) }
        // Members of fused composites move only with their group.
        let fusedMembers = Set(problem.costs.composites.flatMap { $0 })

        // Phase 1: steepest descent over group moves, then single-operator moves, until no gain.
        var improved = true
        while improved && evaluations < budget / 2 && !pastDeadline {
            improved = false
            for granularity in [true, false] {
                let count = granularity ? coarsening.groups.count : problem.operatorCount
                for item in 0..<count {
                    let members = granularity ? coarsening.groups[item] : [item]
                    if granularity && members.count == 1 { continue }
                    if !granularity && fusedMembers.contains(item) { continue }
                    let units = granularity ? groupUnits[item] : opUnits[item]
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
                    if evaluations >= budget / 2 || pastDeadline { break }
                }
            }
        }

        // Phase 2: simulated annealing with restarts from the best.
        var current = best
        var temperature = best.score * 0.02
        var sinceImprovement = 0
        let patience = options.patience ?? max(20_000, budget / 4)
        while evaluations < budget && sinceImprovement < patience && !pastDeadline {
            var assignment = current.assignment
            var priority = current.priority
            let move = rng.next() % 10
            if move < 5 {
                let op = Int(rng.next() % UInt64(problem.operatorCount))
                let units = opUnits[op]
                let unit = units[Int(rng.next() % UInt64(units.count))]
                if fusedMembers.contains(op) {
                    let group = coarsening.groupOf[op]
                    guard groupUnits[group].contains(unit) else { continue }
                    for member in coarsening.groups[group] { assignment[member] = unit }
                } else {
                    assignment[op] = unit
                }
            } else if move < 8 {
                let group = Int(rng.next() % UInt64(coarsening.groups.count))
                let units = groupUnits[group]
                guard !units.isEmpty else { continue }
                let unit = units[Int(rng.next() % UInt64(units.count))]
                for op in coarsening.groups[group] { assignment[op] = unit }
            } else {
                // Move one operator earlier or later in the priority order.
                let from = Int(rng.next() % UInt64(priority.count))
                let to = Int(rng.next() % UInt64(priority.count))
                let op = priority.remove(at: from)
                priority.insert(op, at: to)
            }
            let makespan = evaluate(assignment, priority: priority)
            let delta = makespan - current.score
            let accept = delta <= 0 || Double(rng.next() % 1_000_000) / 1_000_000 < exp(-delta / max(temperature, 1e-12))
            if accept {
                current = Candidate(assignment: assignment, priority: priority, score: makespan)
            }
            if makespan < best.score - 1e-9 {
                improvements.append(Decision(kind: .refinement, subject: "annealing",
                                             reason: objective.objective == .latency ? String(format: "makespan %.3f -> %.3f us", best.score, makespan)
                                                 : String(format: "%@ score %.6g -> %.6g", objective.objective.rawValue, best.score, makespan)))
                best = current
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            temperature *= 0.9995
            if sinceImprovement > 0 && sinceImprovement % 2_000 == 0 {
                current = best
                temperature = best.score * 0.01
            }
        }
        return best
    }

    private var pastDeadline: Bool { Clock.now() > deadline }

    private mutating func note(_ members: [Int], _ unit: Int, from: Double, to: Double) {
        let names = members.count == 1 ? problem.graph.operators[members[0]].label
            : "\(members.count) operators from \(problem.graph.operators[members[0]].label)"
        improvements.append(Decision(kind: .compositeSpill, subject: names,
                                     reason: objective.objective == .latency
                                        ? String(format: "moved to %@: makespan %.3f -> %.3f us counting the transfers it creates or removes",
                                                 problem.costs.unitNames[unit], from, to)
                                        : String(format: "moved to %@: %@ score %.6g -> %.6g", problem.costs.unitNames[unit],
                                                 objective.objective.rawValue, from, to)))
    }
}
