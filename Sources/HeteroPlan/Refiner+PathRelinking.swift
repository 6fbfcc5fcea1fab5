extension Refiner {
    /// Path relinking (Glover 1997, "Tabu search and adaptive memory programming"; Glover, Laguna
    /// & Martí 2000): walk from the `initiating` plan towards the `guiding` one, each step giving
    /// one more operator (with its fused composite) the guiding plan's unit — the step whose
    /// schedule scores best — and return the best plan strictly between the two. The points of the
    /// path combine the two plans' unit choices, so they reach assignments that differ from both
    /// in many operators at once, which no single move from either reaches.
    ///
    /// Steps are scored list-scheduled in the current plan's order; the chosen step also tries the
    /// actual-rank order (`bestOrder`). With more than `breadth` operators still to move, a step
    /// considers only the first `breadth` of them in topological (index) order. Deterministic: no
    /// randomness; it ends when one difference is left or the refiner has made `limit`
    /// evaluations in all.
    ///
    /// - Returns: the best intermediate plan, or nil when the plans differ in fewer than two moves.
    /// - Complexity: O(d · min(d, breadth)) list-schedule evaluations for d differing operators.
    mutating func relink(from initiating: Candidate, towards guiding: Candidate, breadth: Int, limit: Int) -> Candidate? {
        var moves = relinkMoves(from: initiating.assignment, to: guiding.assignment)
        var current = initiating
        var best: Candidate?
        while moves.count > 1 && evaluations < limit {
            var chosen = -1
            var chosenScore = Double.infinity
            for index in moves.indices.prefix(breadth) where evaluations < limit {
                var trial = current.assignment
                for op in moves[index] { trial[op] = guiding.assignment[op] }
                let score = evaluate(trial, priority: current.priority)
                if score < chosenScore - 1e-9 { chosen = index; chosenScore = score }
            }
            guard chosen >= 0 else { break }
            var assignment = current.assignment
            for op in moves.remove(at: chosen) { assignment[op] = guiding.assignment[op] }
            current = bestOrder(assignment, startOrder: current.priority)
            if best == nil || current.score < best!.score - 1e-9 { best = current }
        }
        return best
    }

    /// The steps from one assignment to another: each operator on a different unit, the members of
    /// a fused composite as one step; ordered by their first operator.
    func relinkMoves(from source: [Int], to target: [Int]) -> [[Int]] {
        var moves: [[Int]] = []
        var taken = Set<Int>()
        for op in source.indices where source[op] != target[op] && !taken.contains(op) {
            let members = fusedMembers.contains(op) ? coarsening.groups[coarsening.groupOf[op]] : [op]
            taken.formUnion(members)
            moves.append(members)
        }
        return moves
    }
}
