extension Refiner {
    /// Limits of the ejection-chain stage.
    struct ChainBudget {
        /// Moves per chain at most.
        var length = 6
        /// Evaluations for the whole stage.
        var evaluations: Int
    }

    /// Ejection chains (Glover 1996, "Ejection chains, reference structures and alternating path
    /// methods for traveling salesman problems"), in the Fiduccia-Mattheyses manner: from the
    /// incumbent, move one operator to another unit, then keep moving — each step takes the best
    /// move (even a worsening one) of an unlocked operator next to an operator already moved (its
    /// producers and consumers: the tasks whose transfers the last move created or removed), and
    /// locks it — and keep the best prefix of the chain if it beats the incumbent. So a
    /// producer-consumer chain or a fork/join moves together when no single move of it gains.
    ///
    /// Chains start from every (operator, unit) pair, operators in the order of the incumbent's
    /// critical path first; the stage stops after a pass without improvement or when the
    /// evaluation budget is spent. Deterministic: no randomness, work counted in evaluations.
    ///
    /// - Complexity: per chain, O(length · degree · units) list-schedule evaluations.
    mutating func ejectionChains(_ start: Candidate, budget: ChainBudget) -> Candidate {
        var best = start
        let limit = evaluations + budget.evaluations
        var improved = true
        while improved && evaluations < limit {
            improved = false
            let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
            let critical = WindowSearch.criticalPath(problem, incumbent)
            let onPath = Set(critical)
            let starts = critical + (0..<problem.operatorCount).filter { !onPath.contains($0) }
            for first in starts where !fusedMembers.contains(first) {
                for unit in symmetry.moveTargets(opUnits[first], best.assignment, near: problem.handOffPartners(first, best.assignment)) where unit != best.assignment[first] {
                    guard evaluations < limit else { return best }
                    if let chain = chain(from: best, moving: first, to: unit, length: budget.length, limit: limit),
                       chain.score < best.score - 1e-9 {
                        if objective.improvesFigure(from: best.score, to: chain.score) {
                            improvements.append(.moved(subject: "chain from \(problem.graph.operators[first].label)",
                                                       unitName: problem.costs.unitNames[unit], objective: objective.objective,
                                                       from: best.score, to: chain.score))
                        }
                        best = chain
                        improved = true
                    }
                }
            }
        }
        return best
    }

    /// One chain: the first move, then up to `length - 1` best neighbour moves; the best prefix.
    /// It ends early once `limit` evaluations are spent (so a high-degree operator cannot overrun
    /// the stage's budget).
    private mutating func chain(from start: Candidate, moving first: Int, to unit: Int, length: Int, limit: Int) -> Candidate? {
        var assignment = start.assignment
        assignment[first] = unit
        var current = bestOrder(assignment, startOrder: start.priority)
        var best: Candidate? = current
        var locked: Set<Int> = [first]
        var moved = [first]
        for _ in 1..<length {
            var next: Candidate?
            var nextOp = -1
            var frontier = Set<Int>()
            for op in moved {
                for edge in problem.incoming[op] { frontier.insert(edge.producer) }
                for edge in problem.outgoing[op] { frontier.insert(edge.consumer) }
            }
            for op in frontier.sorted() where !locked.contains(op) && !fusedMembers.contains(op) && evaluations < limit {
                for target in symmetry.moveTargets(opUnits[op], current.assignment, near: problem.handOffPartners(op, current.assignment)) where target != current.assignment[op] {
                    var trial = current.assignment
                    trial[op] = target
                    let candidate = bestOrder(trial, startOrder: current.priority)
                    if next == nil || candidate.score < next!.score - 1e-9 {
                        next = candidate
                        nextOp = op
                    }
                }
            }
            guard let step = next else { break }
            locked.insert(nextOp)
            moved.append(nextOp)
            current = step
            if current.score < best!.score - 1e-9 { best = current }
        }
        return best
    }
}
