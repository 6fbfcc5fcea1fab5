import HeteroCost

/// How long an operator takes under an assignment, how much of that is overhead, and how many
/// bytes it streams from its unit's memory meanwhile (what contends under contention), and from
/// its unit's weight memory (`CostTable.weightBytes`; 0 on a unit without one).
public struct OperatorTiming: Sendable, Hashable {
    public var durationUS: Double
    public var overheadUS: Double
    public var streamedBytes: Double
    public var weightBytes: Double = 0
}

extension PlanProblem {
    /// The timing of `op` on `unit` when every other operator runs where `assignment` says (`-1`:
    /// not placed yet). Three rules compose:
    /// - fusion: the operator's share of its chain's fused time when its whole composite is on
    ///   the unit, otherwise its own time;
    /// - residency: activations resident in the unit's resident memory (`isResident`) move at
    ///   that memory's bandwidth instead of over the stream path (`ResidencyCost`);
    /// - submission: the first operator of a subgraph pays the host's submission cost
    ///   (`CostTable.startsSubmission`), as overhead.
    /// Overhead and bytes of a fused member without resident operands scale with its share, as
    /// its time does. Nil when the unit cannot run the operator.
    /// With `unfused`, the operator runs alone even where its chain is fused (a recomputation,
    /// `PlanProblem+Recompute`).
    @inline(__always)
    public func timing(_ op: Int, _ unit: Int, _ assignment: [Int], unfused: Bool = false) -> OperatorTiming? {
        guard let own = costs.execUS[op][unit] else { return nil }
        let fused = unfused ? nil : fusedUS(op, unit, assignment)
        var base = fused ?? own
        // Read in place (not bound to a local): a copy of a `ResidencyCost` retains its operands.
        let residency = residencyTable(fused: fused != nil)
        let scale = own > 0 ? base / own : 0
        var overhead = (op < costs.overheadUS.count ? costs.overheadUS[op][unit] : 0) * scale
        var bytes = (op < costs.memoryBytes.count ? Double(costs.memoryBytes[op][unit]) : 0) * scale
        let weightBytes = (op < costs.weightBytes.count ? Double(costs.weightBytes[op][unit]) : 0) * scale
        if !residency.isEmpty, let phase = residency[op][unit]?.phase(isResident: { isResident($0, readBy: op, on: unit, assignment) }) {
            base = phase.timeUS
            overhead = residency[op][unit]!.share * residency[op][unit]!.overheadUS
            bytes = phase.streamedBytes
        }
        overhead = min(base, overhead)
        if costs.startsSubmission(op, on: unit, producers: producers[op], unitOf: { $0 == op ? unit : assignment[$0] }) {
            base += costs.submitUS[unit]
            overhead += costs.submitUS[unit]
        }
        // A stream-switch route delivers no faster than its port (`StreamRoutes.floorUS`).
        if !routes.isEmpty { base = max(base, routes.floorUS(op, on: unit)) }
        return OperatorTiming(durationUS: base, overheadUS: overhead, streamedBytes: bytes, weightBytes: weightBytes)
    }

    /// Every operator's `timing` on its unit under a complete assignment, by operator: what the
    /// throughput score's interval and list schedule both read, computed once per evaluation.
    func timings(_ assignment: [Int]) -> [OperatorTiming?] {
        (0..<operatorCount).map { timing($0, assignment[$0], assignment) }
    }

    /// Energy of `op` on `unit` under an assignment: the cost table's, less what its resident
    /// activations save (`ResidencyCost.energyPJ`); nil when the unit cannot run it.
    public func energyPJ(_ op: Int, _ unit: Int, _ assignment: [Int]) -> Double? {
        guard let own = costs.energyPJ[op][unit] else { return nil }
        let residency = residencyTable(fused: fusedUS(op, unit, assignment) != nil)
        guard !residency.isEmpty else { return own }
        return residency[op][unit]?.energyPJ { self.isResident($0, readBy: op, on: unit, assignment) } ?? own
    }

    /// Which of the cost table's figures apply to `op` on `unit` under `assignment` — the one rule
    /// `timing` and `energyPJ` share: its share of its fused chain's time and the chain's
    /// residency costs when the whole composite runs on the unit (`fusedUS` non-nil, then
    /// `residencyTable(fused: true)`), otherwise its own.
    @inline(__always)
    private func fusedUS(_ op: Int, _ unit: Int, _ assignment: [Int]) -> Double? {
        if let composite = costs.compositeOf.isEmpty ? nil : costs.compositeOf[op], let fused = costs.fusedExecUS[op][unit],
           costs.composites[composite].allSatisfy({ $0 == op || assignment[$0] == unit }) {
            return fused
        }
        return nil
    }

    /// The residency costs per (operator, unit) of fused chains or of single operators (empty
    /// when none): see `fusedUS`.
    @inline(__always)
    private func residencyTable(fused: Bool) -> [[ResidencyCost?]] {
        fused ? costs.fusedResidency : costs.residency
    }

    /// Whether `tensor` lives in the resident memory of `unit` when `op` runs there and the rest
    /// as `assignment` says: it is produced and read only on units with that resident memory, is
    /// not a graph output and was not evicted, nor was its alias root (`Graph.aliasRoot`: evicting
    /// a buffer evicts the views stored in it), and its buffer alone fits that memory.
    ///
    /// A weight (no producer) is resident when the prefetch stage prefetched it for its reader
    /// on a unit with a resident memory (`prefetchTrigger`).
    ///
    /// On a platform with shared neighbour memories (`CostTable.sharedMemories`: an AI Engine
    /// tile's data memory is shared with its neighbours) the tensor stays in its producer's
    /// resident memory when every reader's unit addresses that memory (`CostTable.addresses`):
    /// a reader on a neighbouring tile reads the buffer in place, with no DDR4 round trip.
    /// A reader on a tile the tensor's stream-switch route delivers it to (`StreamRoutes`)
    /// receives it into its own tile memory and reads it there too.
    @inline(__always)
    public func isResident(_ tensor: Int, readBy op: Int, on unit: Int, _ assignment: [Int]) -> Bool {
        guard !costs.residentMemory.isEmpty, let own = costs.residentMemory[unit], !evicted[tensor], !evicted[graph.aliasRoot[tensor]],
              !isOutput[tensor] else { return false }
        guard let producer = graph.producer[tensor] else { return prefetchTrigger[tensor] >= 0 }
        let home = producer == op ? unit : assignment[producer]
        guard home >= 0, let memory = costs.residentMemory[home] else { return false }
        guard memory == own || sharesMemory(unit, memory) || routes.delivers(tensor, to: unit) else { return false }
        // A buffer larger than the memory never stays there, whatever else is evicted.
        guard fitsResidentMemory(tensor, memory) else { return false }
        // Indexed rather than iterated: a `for` over the row retains its buffer (the list scheduler's hot path).
        for index in graph.consumers[tensor].indices {
            let consumer = graph.consumers[tensor][index]
            let placed = consumer == op ? unit : assignment[consumer]
            guard placed >= 0 else { return false }
            guard costs.residentMemory[placed] == memory || sharesMemory(placed, memory) || routes.delivers(tensor, to: placed) else {
                return false
            }
        }
        return true
    }

    /// Whether `memory` is one of `unit`'s shared memories (`CostTable.sharedMemories`: a
    /// neighbouring tile's, which its core reads and writes in place; read from `sharedMemoryList`).
    /// With `residentMemory[unit] == memory`, `CostTable.addresses`. False without shared memories.
    @inline(__always)
    func sharesMemory(_ unit: Int, _ memory: Int) -> Bool {
        guard hasSharedMemories else { return false }
        for index in sharedMemoryStart[unit]..<sharedMemoryStart[unit &+ 1] where sharedMemoryList[index] == memory { return true }
        return false
    }

    /// The memory a resident `tensor` lives in under `assignment`: its producer's resident memory.
    public func residentHome(_ tensor: Int, _ assignment: [Int]) -> Int? {
        graph.producer[tensor].flatMap { costs.residentMemory.isEmpty ? nil : costs.residentMemory[assignment[$0]] }
    }

    /// The capacity rule of resident memories, which `isResident` and `couldBeOnChip` share: the
    /// buffer `tensor` lives in (its alias root's), in its fewest stored bytes on any unit keeping
    /// activations in `memory` (`smallestStoredBytes`: with the channels the unit pads), fits
    /// `memory` — true when the memory has no capacity or no unit has a resident memory. A larger
    /// buffer never stays there, whatever else is evicted.
    ///
    /// Under windowed streaming (`WindowedStreaming`) a tensor too large for the memory fits when
    /// its window buffer (two windows) does: it then stays there as a windowed hand-off.
    @inline(__always)
    func fitsResidentMemory(_ tensor: Int, _ memory: Int) -> Bool {
        guard let capacity = costs.memoryCapacity[memory], !smallestStoredBytes.isEmpty, !smallestStoredBytes[memory].isEmpty else { return true }
        if smallestStoredBytes[memory][graph.aliasRoot[tensor]] <= capacity { return true }
        return isWindowable(tensor, memory, capacity: capacity)
    }

    /// Whether `tensor` is resident under a complete assignment (its producer's view).
    public func isResident(_ tensor: Int, _ assignment: [Int]) -> Bool {
        guard let producer = graph.producer[tensor] else { return false }
        return isResident(tensor, readBy: producer, on: assignment[producer], assignment)
    }

    /// Activations the residency stage evicted that the assignment would otherwise keep on chip.
    public func evictedActivations(_ assignment: [Int]) -> [Int] {
        var unevicted = self
        unevicted.evicted = Array(repeating: false, count: evicted.count)
        return evicted.indices.filter { evicted[$0] && unevicted.isResident($0, assignment) }
    }
}
