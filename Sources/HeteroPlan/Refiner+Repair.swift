extension Refiner {
    /// Descent restricted to `operators`: single-operator moves of those operators only (fused
    /// composite members excluded), each to every other unit it can run on, the first gain taken,
    /// until a pass gains nothing or the refiner has made `limit` evaluations in all. The repair
    /// after a perturbation: it settles the perturbed region and its neighbours without paying for
    /// a pass over the whole graph.
    ///
    /// - Complexity: per pass, O(|operators| · units) list-schedule evaluations.
    mutating func descend(_ start: Candidate, operators: [Int], limit: Int) -> Candidate {
        var best = start
        var improved = true
        while improved && evaluations < limit && !clock.expired() {
            improved = false
            for op in operators where !fusedMembers.contains(op) {
                for unit in symmetry.moveTargets(opUnits[op], best.assignment, near: problem.handOffPartners(op, best.assignment)) where unit != best.assignment[op] {
                    guard evaluations < limit else { return best }
                    var assignment = best.assignment
                    assignment[op] = unit
                    let candidate = bestOrder(assignment, startOrder: best.priority)
                    if candidate.score < best.score - 1e-9 {
                        best = candidate
                        improved = true
                    }
                }
            }
        }
        return best
    }
}
