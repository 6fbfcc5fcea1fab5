extension LowerBound {
    /// Above this many units the communication-aware path (`communicatingPath`) is not computed
    /// (it visits every pair of units per edge) and `criticalPath` stands in for it.
    public static let communicatingPathUnitLimit = 64

    /// The longest path when every operator may run on any unit that can run it, but an edge
    /// between two units costs its `PlanProblem.fastestCommunication` and the consumer then opens
    /// a subgraph and pays its unit's submission cost (`CostTable.startsSubmission`): the earliest
    /// finish `f(op, u)` of `op` on `u` is at least
    ///
    ///     boundDuration(op, u) + max over producers p of
    ///         min( f(p, u),  min over u' on another queue or unit of f(p, u') + comm(p, u' -> u) + submit(u) )
    ///
    /// (same queue, different unit: the communication without the submission), and an operator
    /// without producers pays the submission. The bound is the largest `min_u f(op, u)`.
    ///
    /// Valid for every schedule: by induction in topological order, an operator on `u` starts no
    /// earlier than each producer's finish plus the edge's communication, and when some producer
    /// ran on another queue it is the first of a subgraph and its duration includes the
    /// submission (taking each producer's own term and the largest of them only weakens that).
    /// Contention, spills and evictions only lengthen a schedule; a closed fused chain's members
    /// may be re-timed inside the chain's interval as `PlanProblem.boundDuration` says, the first
    /// keeping the submission. It is at least `criticalPath` (every term is at least the free
    /// one), and it is what a chain of operators that alternate between units, such as DenseNet's
    /// BatchNormalization → Mul (CPU only) → Conv (DLA) runs, costs beyond its operators' times.
    ///
    /// - Complexity: O(operators · units + edges · units²); nil above `communicatingPathUnitLimit` units.
    public static func communicatingPath(_ problem: PlanProblem) -> Double? {
        communicatingPath(problem, operators: Array(0..<problem.operatorCount))
    }

    /// `communicatingPath` of the subgraph `operators` (ascending) induce, from the moment the
    /// first of them may start: producers outside the subgraph count as finished at time 0 on
    /// whatever unit suits the consumer (no communication, no submission).
    static func communicatingPath(_ problem: PlanProblem, operators: [Int]) -> Double? {
        let units = problem.unitCount
        guard units <= communicatingPathUnitLimit, units > 0 else { return nil }
        let costs = problem.costs
        let queue = (0..<units).map { costs.unitQueue.isEmpty ? $0 : costs.unitQueue[$0] }
        let submit = (0..<units).map { $0 < costs.submitUS.count ? costs.submitUS[$0] : 0 }
        var inside = [Bool](repeating: false, count: problem.operatorCount)
        for op in operators { inside[op] = true }
        // finish[op * units + u]: the earliest finish of op on u; infinity where it cannot run.
        var finish = [Double](repeating: .infinity, count: problem.operatorCount * units)
        var longest = 0.0
        for op in operators {
            let incoming = problem.incoming[op]
            var earliest = Double.infinity
            for u in 0..<units {
                guard let duration = problem.boundDuration(op, u) else { continue }
                // Graph inputs' readers always open a subgraph (`CostTable.opensSubgraph`).
                var start = problem.producers[op].isEmpty ? submit[u] : 0
                for edge in incoming where inside[edge.producer] {
                    let base = edge.producer * units
                    var ready = finish[base + u]
                    for other in 0..<units where other != u {
                        let done = finish[base + other]
                        guard done < ready else { continue }
                        let cost = problem.fastestCommunication(edge, from: other, to: u) + (queue[other] == queue[u] ? 0 : submit[u])
                        ready = min(ready, done + cost)
                    }
                    start = max(start, ready)
                }
                let end = start + duration
                finish[op * units + u] = end
                earliest = min(earliest, end)
            }
            if earliest.isFinite { longest = max(longest, earliest) }
        }
        return longest
    }
}
