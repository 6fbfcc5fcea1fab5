extension PlanProblem {
    /// The shortest time `op` can take alone on `unit`, every operand resident that some plan
    /// could keep on chip (`couldBeOnChip`); nil where it cannot run.
    public func unfusedFastest(_ op: Int, _ unit: Int) -> Double? {
        guard let own = costs.execUS[op][unit] else { return nil }
        guard !costs.residency.isEmpty, let residency = costs.residency[op][unit] else { return own }
        return min(own, residency.timeUS { couldBeOnChip($0, on: unit) })
    }

    /// The shortest share of its fused chain's time `op` can take on `unit` (the chain's operands
    /// resident where some plan could keep them there); nil when it is not fused there.
    public func fusedFastest(_ op: Int, _ unit: Int) -> Double? {
        guard !costs.fusedExecUS.isEmpty, let fused = costs.fusedExecUS[op][unit] else { return nil }
        guard !costs.fusedResidency.isEmpty, let residency = costs.fusedResidency[op][unit] else { return fused }
        return min(fused, residency.timeUS { couldBeOnChip($0, on: unit) })
    }

    /// Whether some plan could keep `tensor` in `unit`'s resident memory: an activation that is
    /// not a graph output and whose buffer fits the memory (`isResident`'s rules:
    /// `fitsResidentMemory`), or a weight a prefetch could copy there (`canPrefetch`).
    func couldBeOnChip(_ tensor: Int, on unit: Int) -> Bool {
        guard graph.producer[tensor] != nil else { return canPrefetch(tensor, on: unit) }
        guard !isOutput[tensor] else { return false }
        guard !costs.residentMemory.isEmpty, let memory = costs.residentMemory[unit] else { return true }
        return fitsResidentMemory(tensor, memory)
    }

    /// The time the lower bounds count for `op` on `unit`: `fastestDuration`, except for a member
    /// of a closed fused chain (`closedChain`), whose members' times add up to at most the chain's
    /// shortest time on the unit (fused) and each to at most its own time alone (unfused): the
    /// chain's time is split in proportion to the members' own times (`fusedFastest` splits it in
    /// proportion to their times with every operand in DRAM, which can give a member far less
    /// than it takes alone, and its neighbours far more, so the per-operator minimum undercounts
    /// the chain). Not a bound on each member's time in every plan — fused, a member takes its
    /// own share — but a chain entered only at its first member and left only at its last runs its
    /// members back to back on one unit, so re-timing them within the chain's interval to these
    /// times gives a schedule with the same makespan: what the bounds need.
    ///
    /// Read from the problem's table (`boundDurations`), made on first use.
    public func boundDuration(_ op: Int, _ unit: Int) -> Double? {
        boundDurations[op, unit]
    }

    /// Every operator's `boundDuration` on every unit (computed once per problem).
    var boundDurations: BoundDurations { boundDurationCache.durations(self) }

    /// `boundDuration` computed (what `BoundDurations` tabulates) from every operator's
    /// `unfusedFastest` and `fusedFastest` on the unit (`unfused`, `fused`) and the closed chain
    /// of `op`'s composite (`closedChain`; nil when it has none or it is not closed).
    func computedBoundDuration(_ op: Int, unfused: (Int) -> Double?, fused: (Int) -> Double?, chain members: [Int]?) -> Double? {
        guard let own = unfused(op) else { return nil }
        guard let shortest = fused(op) else { return own }
        guard let members else { return min(own, shortest) }
        var chain = 0.0, alone = 0.0
        for member in members {
            // A member that cannot be fused here makes the chain run unfused on this unit.
            guard let fused = fused(member) else { return own }
            guard let time = unfused(member) else { return own }
            chain += fused
            alone += time
        }
        guard alone > 0 else { return min(own, shortest) }
        return min(own, chain * own / alone)
    }

    /// The members of fused chain `composite` in order when each member but the first has the
    /// previous one as its only producer and each but the last the next one as its only consumer
    /// operator; nil otherwise.
    func closedChain(_ composite: Int) -> [Int]? {
        let members = costs.composites[composite].sorted()
        for (a, b) in zip(members, members.dropFirst()) {
            guard successors[a] == [b], producers[b] == [a] else { return nil }
        }
        return members
    }
}
