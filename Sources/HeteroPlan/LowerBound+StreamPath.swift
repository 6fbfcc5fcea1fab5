import HeteroCost

extension LowerBound {
    /// The least time `op` keeps `unit`'s stream path (the DMA path from the unit's memory into
    /// it) from serving other operators' weight copies in any plan: its command overhead (no copy
    /// runs then) and its stream-path work, counting its weights once: each weight either streams
    /// during the operator or is copied into the resident memory by a weight prefetch
    /// (`WeightPrefetcher`) — the copy's time, `WeightPrefetch.copyUS`. 0 on units without a
    /// resident memory or a residency cost for the operator (nothing to count there; the bound
    /// then adds nothing).
    ///
    /// Why a unit's operators must cover these times: the prefetch stage (rule 1) runs copies on
    /// the reader's unit's stream path only in the idle time of the operators before it on that
    /// unit, where an operator's idle time is its busy time (duration less command overhead) less
    /// what its own streamed bytes take (`WeightPrefetcher.streamingIdleUS`). So on every unit
    ///
    ///     sum over its operators of duration  >=  sum over them of (overhead + own stream time + own copies)
    ///
    /// and this function is a lower bound of each operator's `overhead + own stream time (capped by
    /// its busy time) + own copies` under every timing `PlanProblem.timing` can give it (the
    /// overhead is the timing's: the command path's share, `ResidencyCost.overheadUS` in a phase,
    /// the cost table's scaled as the time is otherwise; a submission only adds to it):
    /// - with a residency phase (`ResidencyCost.phase`), the operator streams `share · S` bytes,
    ///   S at least the cost's fixed bytes less its prefetched weights, and its busy time is at
    ///   least `share · S / bandwidth`; each of its own weights costs the smaller of its copy and
    ///   its share of streaming it (other members' weights of a fused chain count 0, and weights
    ///   beyond the fixed bytes are taken off);
    /// - without one (nothing resident, nothing prefetched), it streams the cost table's memory
    ///   bytes (scaled as its time is) or fills its busy time, whichever is less.
    /// The fused and unfused variants are both tried and the least taken; bandwidths are the larger
    /// of the two the planner uses. Latencies are dropped (they only add).
    static func streamDemand(_ problem: PlanProblem, _ op: Int, _ unit: Int) -> Double {
        let costs = problem.costs
        guard !costs.residentMemory.isEmpty, costs.residentMemory[unit] != nil, !costs.residency.isEmpty,
              let own = costs.execUS[op][unit], let alone = costs.residency[op][unit], alone.streamBytesPerUS > 0 else { return 0 }
        var cases: [Double] = []
        // Without a residency phase: the cost table's bytes and time, unfused or fused.
        func plain(_ base: Double) -> Double {
            let scale = own > 0 ? base / own : 0
            let overhead = min(base, (op < costs.overheadUS.count ? costs.overheadUS[op][unit] : 0) * scale)
            let bytes = (op < costs.memoryBytes.count ? Double(costs.memoryBytes[op][unit]) : 0) * scale
            return overhead + min(base - overhead, bytes / alone.streamBytesPerUS)
        }
        cases.append(plain(own))
        cases.append(phase(problem, op, unit, alone, streamBytesPerUS: alone.streamBytesPerUS))
        if !costs.fusedExecUS.isEmpty, let fused = costs.fusedExecUS[op][unit] {
            cases.append(plain(fused))
            if !costs.fusedResidency.isEmpty, let chain = costs.fusedResidency[op][unit] {
                cases.append(phase(problem, op, unit, chain, streamBytesPerUS: max(alone.streamBytesPerUS, chain.streamBytesPerUS)))
            }
        }
        return max(0, cases.min() ?? 0)
    }

    /// The phase case of `streamDemand` for residency cost `cost` (the operator's own or its fused
    /// chain's).
    private static func phase(_ problem: PlanProblem, _ op: Int, _ unit: Int, _ cost: ResidencyCost, streamBytesPerUS: Double) -> Double {
        guard streamBytesPerUS > 0 else { return 0 }
        // The command overhead `PlanProblem.timing` gives the phase (its share of the cost's).
        let overhead = cost.share * cost.overheadUS
        var total = 0.0
        var weightBytes = 0.0
        for weight in cost.weights {
            weightBytes += weight.bytes
            guard problem.graph.consumers[weight.tensor].contains(op) else { continue }
            let streamed = cost.share * weight.bytes / streamBytesPerUS
            let copy = problem.canPrefetch(weight.tensor, on: unit)
                ? problem.prefetchCandidate(weight.tensor, readBy: op, on: unit)?.copyUS ?? .infinity : .infinity
            total += min(streamed, copy)
        }
        // Weights beyond the fixed bytes do not stream (`ResidencyCost.phase` moves at most the
        // streamed bytes): the excess is taken off.
        let excess = max(0, weightBytes - cost.fixedBytes)
        return overhead + max(0, total - cost.share * excess / streamBytesPerUS)
    }
}
