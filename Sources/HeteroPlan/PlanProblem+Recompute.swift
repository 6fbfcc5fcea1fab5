import HeteroCost

/// Recomputation instead of eviction (issue 11): an activation that overflowed its resident
/// memory stays resident for its earlier readers, is discarded, and its producer runs again on the
/// unit of its last reader just before it, writing it into the resident memory again — instead of
/// the producer writing it to DRAM and every reader streaming it back. The reader and its
/// recomputations run back to back as one unit occupancy: the reader's scheduled start is the
/// recomputation's, its duration theirs summed (`readerTiming`).
extension PlanProblem {
    /// The activation inputs a recomputation of `tensor` reads (its producer's non-constant
    /// inputs, distinct, in order): they must still be readable when it runs. Weights are read
    /// again where they are stored.
    public func recomputeInputs(_ tensor: Int) -> [Int] {
        guard let producer = graph.producer[tensor] else { return [] }
        var inputs: [Int] = []
        for name in graph.operators[producer].inputs where !name.isEmpty {
            guard let input = graph.tensorIndex[name], graph.tensors[input].kind != .constant, !inputs.contains(input) else { continue }
            inputs.append(input)
        }
        return inputs
    }

    /// The timing of one run of `tensor`'s producer on `unit` (the reader's) with the rest placed
    /// as `assignment` says: alone (unfused: the rest of its chain does not run again), its inputs
    /// where they live, the tensor written to the resident memory, its weights streamed (a
    /// prefetched weight's on-chip copy served the first run only).
    public func recomputeTiming(_ tensor: Int, on unit: Int, _ assignment: [Int]) -> OperatorTiming? {
        guard let producer = graph.producer[tensor] else { return nil }
        var placed = assignment
        placed[producer] = unit
        var problem = self
        if hasPrefetches {
            for name in graph.operators[producer].inputs where !name.isEmpty {
                if let weight = graph.tensorIndex[name], prefetchTrigger[weight] >= 0 { problem.prefetchTrigger[weight] = -1 }
            }
        }
        return problem.timing(producer, unit, placed, unfused: true)
    }

    /// The timing of `op` on `unit` with the recomputations made just before it (`recomputedBefore`)
    /// added: durations, overheads and streamed bytes summed. Nil when the unit cannot run one of them.
    @inline(__always)
    public func readerTiming(_ op: Int, _ unit: Int, _ assignment: [Int]) -> OperatorTiming? {
        readerTiming(op, unit, assignment, timing: timing(op, unit, assignment))
    }

    /// `readerTiming` given `op`'s own `timing` on `unit` (`timings`).
    @inline(__always)
    func readerTiming(_ op: Int, _ unit: Int, _ assignment: [Int], timing: OperatorTiming?) -> OperatorTiming? {
        guard var total = timing else { return nil }
        guard !recomputes.isEmpty, let tensors = recomputedBefore[op] else { return total }
        for tensor in tensors {
            guard let extra = recomputeTiming(tensor, on: unit, assignment) else { return nil }
            total.durationUS += extra.durationUS
            total.overheadUS += extra.overheadUS
            total.streamedBytes += extra.streamedBytes
            total.weightBytes += extra.weightBytes
        }
        return total
    }

    /// Whether `tensor`, evicted under `assignment`, may instead be recomputed before `reader`
    /// (one of its readers): it is an activation that would be resident if not evicted, not a graph
    /// output, neither a view nor viewed (its buffer is its own), the only output of its producer
    /// (which runs again alone, even if fused into a chain); `reader` reads it directly, its unit can run the producer and
    /// shares the producer's unit's memory and resident memory (so it reads the producer's inputs
    /// where the producer did).
    public func canRecompute(_ tensor: Int, before reader: Int, _ assignment: [Int]) -> Bool {
        guard let producer = graph.producer[tensor], !isOutput[tensor], graph.aliasRoot[tensor] == tensor,
              graph.operators[producer].outputs.filter({ !$0.isEmpty }).count == 1,
              graph.consumers[tensor].contains(reader) else { return false }
        let unit = assignment[reader], home = assignment[producer]
        guard exec(producer, unit) != nil, costs.unitMemory[unit] == costs.unitMemory[home],
              let memory = costs.residentMemory[unit], costs.residentMemory[home] == memory else { return false }
        if graph.tensors.indices.contains(where: { $0 != tensor && graph.aliasRoot[$0] == tensor }) { return false }
        var kept = self
        kept.evicted[tensor] = false
        return kept.isResident(tensor, assignment)
    }
}
