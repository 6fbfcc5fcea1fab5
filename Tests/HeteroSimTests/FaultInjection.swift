import HeteroPlan
import HeteroRecords
import HeteroSim

/// Mutations that turn a valid plan into an invalid one, each of a known kind. Every mutation
/// returns nil when the plan has no place to apply it.
enum FaultInjection {
    /// Swaps the queue positions of a producer and its consumer on one unit, choosing a
    /// consumer whose inputs all come from that unit (so nothing but the queue orders them).
    static func swapDependentOperators(_ planned: PlannedCase) -> PlannedCase? {
        let plan = planned.plan
        for edge in planned.problem.edges where plan.units[edge.producer] == plan.units[edge.consumer] {
            let consumer = edge.consumer
            guard planned.problem.incoming[consumer].allSatisfy({ plan.units[$0.producer] == plan.units[consumer] }),
                  plan.finishUS[edge.producer] > plan.startUS[edge.producer] || plan.finishUS[consumer] > plan.startUS[consumer] else { continue }
            var mutated = planned
            mutated.plan.startUS.swapAt(edge.producer, consumer)
            mutated.plan.finishUS.swapAt(edge.producer, consumer)
            return mutated
        }
        return nil
    }

    /// Removes the first planned transfer.
    static func dropTransfer(_ planned: PlannedCase) -> PlannedCase? {
        guard !planned.plan.transfers.isEmpty else { return nil }
        var mutated = planned
        mutated.plan.transfers.removeFirst()
        return mutated
    }

    /// Moves a buffer onto the addresses of another buffer of the same memory whose planned
    /// lifetime overlaps its own.
    static func overlapLiveBuffers(_ planned: PlannedCase) -> PlannedCase? {
        let buffers = planned.plan.buffers
        for (i, a) in buffers.enumerated() where a.bytes > 0 {
            for (j, b) in buffers.enumerated() where j > i && b.memory == a.memory && b.bytes > 0 && b.offset != a.offset {
                guard a.startUS < b.endUS, b.startUS < a.endUS, a.endUS > a.startUS, b.endUS > b.startUS else { continue }
                var mutated = planned
                mutated.plan.buffers[j].offset = a.offset
                return mutated
            }
        }
        return nil
    }

    /// Shrinks the fullest memory to one byte below the plan's peak.
    static func shrinkMemory(_ planned: PlannedCase) -> PlannedCase? {
        guard let usage = planned.memory.usage.max(by: { $0.peakBytes < $1.peakBytes }), usage.peakBytes > 0 else { return nil }
        var mutated = planned
        mutated.machine.memoryCapacity[usage.memory] = usage.peakBytes - 1
        return mutated
    }

    /// Moves an operator, keeping its planned times, to a unit that cannot run it.
    static func moveToIncapableUnit(_ planned: PlannedCase) -> PlannedCase? {
        for op in 0..<planned.problem.operatorCount {
            guard let unit = (0..<planned.problem.unitCount).first(where: { planned.problem.exec(op, $0) == nil }) else { continue }
            var mutated = planned
            mutated.plan.units[op] = unit
            return mutated
        }
        return nil
    }

    /// Builds a cyclic wait: for a chain a -> b -> c with a and c on one unit and b on another,
    /// swaps a and c in their unit's queue, so c waits for b, b for a, and a for c. Chooses c
    /// with no input from its own unit, so the swap alone breaks no same-unit dependency.
    static func cyclicWait(_ planned: PlannedCase) -> PlannedCase? {
        let problem = planned.problem
        let plan = planned.plan
        for first in problem.edges where plan.units[first.producer] != plan.units[first.consumer] {
            let a = first.producer, b = first.consumer
            for second in problem.outgoing[b] where plan.units[second.consumer] == plan.units[a] {
                let c = second.consumer
                guard plan.startUS[a] < plan.startUS[c],
                      problem.incoming[c].allSatisfy({ plan.units[$0.producer] != plan.units[c] }) else { continue }
                var mutated = planned
                mutated.plan.startUS.swapAt(a, c)
                mutated.plan.finishUS.swapAt(a, c)
                return mutated
            }
        }
        return nil
    }
}

extension FaultInjection {
    /// Drops the first recomputation (`SimulationPlan.recomputes`) whose tensor's addresses
    /// another buffer of its memory held between its earlier readers and the recomputation: its
    /// reader then finds other data there. (Where nothing reused them the old data is still
    /// there and the reader is right to read it.)
    static func dropRecompute(_ planned: PlannedCase) -> PlannedCase? {
        let buffers = planned.plan.buffers
        for (index, recompute) in planned.plan.recomputes.enumerated() {
            let own = buffers.filter { $0.tensor == recompute.tensor && $0.memory == recompute.toMemory }.sorted { $0.startUS < $1.startUS }
            guard own.count == 2 else { continue }
            let (first, second) = (own[0], own[1])
            let reused = buffers.contains { other in
                other.tensor != recompute.tensor && other.memory == second.memory && other.bytes > 0
                    && other.startUS >= first.endUS && other.startUS < second.startUS
                    && other.offset < second.offset + second.bytes && second.offset < other.offset + other.bytes
            }
            guard reused else { continue }
            var mutated = planned
            mutated.plan.recomputes.remove(at: index)
            return mutated
        }
        return nil
    }

}
