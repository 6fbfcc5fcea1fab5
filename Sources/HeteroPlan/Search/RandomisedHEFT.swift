import HeteroRecords

/// HEFT with seeded noise on its priorities, a GRASP-style randomised construction (Feo & Resende
/// 1995, "Greedy randomized adaptive search procedures"): the upward ranks are computed with every
/// operator's mean execution time and every edge's mean communication time scaled by its own
/// random factor in [1 - spread, 1 + spread], and each operator, in decreasing perturbed rank,
/// goes to the unit with the earliest finish time (with insertion), as in HEFT. Different seeds
/// give different orders, hence different assignments near HEFT's: starts in other basins for
/// the elite search. The factors are positive, so the order stays topological.
enum RandomisedHEFT {
    /// The schedule for `seed`; `spread` in [0, 1) (0 gives HEFT's ranks).
    ///
    /// - Complexity: O(operators + edges) for the ranks, plus one list schedule with EFT choices.
    static func schedule(_ problem: PlanProblem, seed: UInt64, spread: Double) -> Schedule {
        var rng = SplitMix64(seed: seed)
        func factor() -> Double { 1 - spread + 2 * spread * Double(rng.next() >> 11) / Double(1 << 53) }
        let execFactor = (0..<problem.operatorCount).map { _ in factor() }
        let edgeFactor = problem.outgoing.map { edges in edges.map { _ in factor() } }
        var rank = [Double](repeating: 0, count: problem.operatorCount)
        for op in (0..<problem.operatorCount).reversed() {
            var tail = 0.0
            for (index, edge) in problem.outgoing[op].enumerated() {
                tail = max(tail, problem.meanCommunication(edge) * edgeFactor[op][index] + rank[edge.consumer])
            }
            rank[op] = problem.meanExec(op) * execFactor[op] + tail
        }
        return HEFTStrategy.schedule(problem, priority: Ranks.order(byDecreasing: rank))
    }
}
