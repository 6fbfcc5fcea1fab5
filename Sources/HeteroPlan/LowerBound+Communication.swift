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
    /// On units with a resident memory of known capacity, `f(op, u)` is also at least the stream
    /// demand of a run ending at op on u less what that memory can hold (`StreamRuns`, where the
    /// argument is): the run value `r(op, u) = streamDemand(op, u) + max(start - submit(u) -
    /// prefix, max over producers p of min(r(p, u), elsewhere(p, u) - submit(u)))`, with elsewhere(p, u)
    /// the inner `min over u'` term above: each producer is either on u (the run goes on through it)
    /// or elsewhere (a run starts at op once its data is there), and
    /// `f(op, u) >= r(op, u) - credit(u)` except for a closed fused chain's members before its
    /// last. On the VC1902 this is what 2.4 MB of last-stage weights on a 3.2 MB AI Engine memory cost.
    ///
    /// - Complexity: O(operators · units + edges · units²); nil above `communicatingPathUnitLimit` units.
    public static func communicatingPath(_ problem: PlanProblem) -> Double? {
        communicatingPath(problem, operators: Array(0..<problem.operatorCount))
    }

    /// `communicatingPath` of the subgraph `operators` (ascending) induce, from the moment the
    /// first of them may start: producers outside the subgraph count as finished at time 0 on
    /// whatever unit suits the consumer (no communication, no submission).
    /// `streamRuns` false leaves out the runs' stream demand (`StreamRuns`; for comparison).
    static func communicatingPath(_ problem: PlanProblem, operators: [Int], streamRuns: Bool = true) -> Double? {
        guard let finish = communicatingFinishes(problem, operators: operators, streamRuns: streamRuns) else { return nil }
        return longestEarliestFinish(finish, operators: operators, units: problem.unitCount)
    }

    /// The largest over `operators` of each one's earliest finish over the units in `finish`
    /// (`communicatingFinishes`' layout), ignoring operators no unit can run: the communicating path.
    static func longestEarliestFinish(_ finish: [Double], operators: [Int], units: Int) -> Double {
        var longest = 0.0
        for op in operators {
            var earliest = Double.infinity
            for u in 0..<units { earliest = min(earliest, finish[op * units + u]) }
            if earliest.isFinite { longest = max(longest, earliest) }
        }
        return longest
    }

    /// The earliest finishes `communicatingPath` takes its maximum over: `[op * units + u]` is the
    /// earliest finish `f(op, u)` of op on u (infinity where u cannot run op or op is not in
    /// `operators`); nil above `communicatingPathUnitLimit` units.
    static func communicatingFinishes(_ problem: PlanProblem, operators: [Int], streamRuns: Bool = true) -> [Double]? {
        guard problem.unitCount <= communicatingPathUnitLimit, problem.unitCount > 0 else { return nil }
        return communicatingFinishes(problem, operators: operators, runs: streamRuns ? StreamRuns(problem, operators: operators) : nil)
    }

    /// `communicatingFinishes` with the runs' stream demand `runs` (nil: without it).
    static func communicatingFinishes(_ problem: PlanProblem, operators: [Int], runs: StreamRuns?) -> [Double]? {
        let units = problem.unitCount
        guard units <= communicatingPathUnitLimit, units > 0 else { return nil }
        let handOffs = HandOffs(problem)
        let submit = handOffs.submit
        var inside = [Bool](repeating: false, count: problem.operatorCount)
        for op in operators { inside[op] = true }
        // finish[op * units + u]: the earliest finish of op on u; infinity where it cannot run.
        var finish = [Double](repeating: .infinity, count: problem.operatorCount * units)
        // states[op * units + u]: on units `StreamRuns` tracks, the cases op on u can end in, each
        // a (finish, run value) pair, no pair at or below another in both; every schedule is at
        // or above one of them (empty elsewhere).
        var states = [[RunState]](repeating: [], count: runs == nil ? 0 : problem.operatorCount * units)
        let durations = problem.boundDurations
        for op in operators {
            let incoming = problem.incoming[op]
            for u in 0..<units {
                guard let duration = durations[op, u] else { continue }
                let index = op * units + u
                // Graph inputs' readers always open a subgraph (`CostTable.opensSubgraph`).
                let first = problem.producers[op].isEmpty ? submit[u] : 0
                var start = first
                let credit = runs?.credit[u]
                let before = credit == nil ? 0 : submit[u] + runs!.prefix[index]
                // The (start, run start) cases over the producers seen so far: each producer on u
                // (its run goes on) or elsewhere (a run starts at op once its data is there).
                var cases = [RunState(finish: first, run: first - before)]
                for edge in incoming where inside[edge.producer] {
                    let base = edge.producer * units
                    var elsewhere = Double.infinity
                    for other in 0..<units where other != u {
                        let done = finish[base + other]
                        guard done < elsewhere else { continue }
                        let cost = handOffs.cost(edge, from: other, to: u)
                        elsewhere = min(elsewhere, done + cost)
                    }
                    start = max(start, min(finish[base + u], elsewhere))
                    guard credit != nil else { continue }
                    var options = states[base + u].map { RunState(finish: $0.finish, run: max($0.finish - before, $0.run)) }
                    if elsewhere.isFinite { options.append(RunState(finish: elsewhere, run: elsewhere - before)) }
                    cases = RunState.frontier(cases.flatMap { c in options.map { RunState(finish: max(c.finish, $0.finish), run: max(c.run, $0.run)) } })
                }
                var end = start + duration
                if let runs, let credit {
                    let demand = runs.demand[index]
                    let ends = runs.ends[index]
                    states[index] = RunState.frontier(cases.map { c in
                        let run = demand + c.run
                        return RunState(finish: ends ? max(c.finish + duration, run - credit) : c.finish + duration, run: run)
                    })
                    end = max(end, states[index].map(\.finish).min() ?? end)
                }
                finish[index] = end
            }
        }
        return finish
    }
}
