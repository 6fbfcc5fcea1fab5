import HeteroCost

/// A weight copied into its reader's resident memory before the reader runs
/// (`PlanProblem.prefetchTrigger`, `WeightPrefetcher`).
public struct WeightPrefetch: Sendable, Hashable {
    public var tensor: Int
    /// The weight's bytes in the reader's unit's data type (`CostTable.storedBytes`).
    public var bytes: Int
    /// From the memory the unit computes from (where the weight is stored and otherwise streamed
    /// from) to its resident memory.
    public var fromMemory: Int
    public var toMemory: Int
    /// Uncontended copy time over the platform's route between the two memories.
    public var copyUS: Double
}

extension PlanProblem {
    /// The weights `op` reads on `unit` that a prefetch could put in the unit's resident memory:
    /// constant inputs with no other reader, read whole (a lookup that reads a few rows of a
    /// table, whose bytes exceed what the operator streams, is not worth copying), which `unit`'s
    /// residency cost for `op` counts among its streamed bytes, with a route from the unit's
    /// memory to the resident one. Whether they
    /// are prefetched is `prefetched`.
    public func prefetchCandidates(_ op: Int, on unit: Int) -> [WeightPrefetch] {
        guard !costs.residentMemory.isEmpty, costs.residentMemory[unit] != nil, !costs.residency.isEmpty,
              let cost = costs.residency[op][unit] else { return [] }
        var seen = Set<Int>()
        return cost.weights.compactMap { weight -> WeightPrefetch? in
            guard seen.insert(weight.tensor).inserted else { return nil }
            return prefetchCandidate(weight.tensor, readBy: op, on: unit)
        }
    }

    /// The prefetch of weight `tensor` into `unit`'s resident memory for its reader `op`, when it
    /// is one of `prefetchCandidates(op, on: unit)` (the rules there); nil otherwise. One weight's
    /// check, so that `canPrefetch` does not build every candidate of the reader per weight.
    func prefetchCandidate(_ tensor: Int, readBy op: Int, on unit: Int) -> WeightPrefetch? {
        // The reader checked first, without an array literal: the bounds ask this per operator and unit.
        guard graph.consumers[tensor].count == 1, graph.consumers[tensor][0] == op,
              !costs.residentMemory.isEmpty, let resident = costs.residentMemory[unit], !costs.residency.isEmpty,
              let cost = costs.residency[op][unit], cost.weights.contains(where: { $0.tensor == tensor }) else { return nil }
        let home = costs.unitMemory[unit]
        let bytes = costs.storedBytes(graph.tensors[tensor], on: unit)
        guard bytes > 0, Double(bytes) <= cost.fixedBytes + 1, let rate = residentCopyRates[unit] else { return nil }
        return WeightPrefetch(tensor: tensor, bytes: bytes, fromMemory: home, toMemory: resident, copyUS: rate.us(bytes: bytes))
    }

    /// The prefetched weights of `op` on `unit` (empty when none).
    @inline(__always)
    public func prefetches(_ op: Int, on unit: Int) -> [WeightPrefetch] {
        guard hasPrefetches else { return [] }
        return prefetchCandidates(op, on: unit).filter { prefetchTrigger[$0.tensor] >= 0 }
    }

    /// Whether some plan could prefetch the weight `tensor` into `unit`'s resident memory: it is
    /// a candidate of its one reader there (`prefetchCandidates`) no larger than the memory.
    public func canPrefetch(_ tensor: Int, on unit: Int) -> Bool {
        guard graph.consumers[tensor].count == 1,
              let candidate = prefetchCandidate(tensor, readBy: graph.consumers[tensor][0], on: unit) else { return false }
        return costs.memoryCapacity[candidate.toMemory].map { candidate.bytes <= $0 } ?? true
    }

    /// The links a prefetch copy crosses (empty when the platform's routes are not known: the
    /// copy then keeps its uncontended time).
    func prefetchRoute(_ prefetch: WeightPrefetch) -> [Int] {
        costs.memoryRoutes?.links(from: prefetch.fromMemory, to: prefetch.toMemory) ?? []
    }
}
