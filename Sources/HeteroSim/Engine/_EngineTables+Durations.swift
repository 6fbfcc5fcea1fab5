import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// Each operator's nominal duration on its planned unit, its command phase and its traffic.
    mutating func buildDurations(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let n = s.n, units = plan.units, costs = machine.costs
        // Durations and traffic.
        var durationTicks = [Int64](repeating: -1, count: n)
        var overheadTicks = [Int64](repeating: 0, count: n)
        var busyUS = [Double](repeating: 0, count: n)
        var streamedBytes = [Double](repeating: 0, count: n)
        // Each operator's distinct producers (the order does not matter to `timing`).
        var producers: [Int] = []
        // A tensor is on chip for an operator when the plan gives it (or the alias root holding
        // it, `_BufferIndex.owner`) a buffer in the operator's unit's resident memory or a
        // neighbour's memory the unit shares (for a fused chain, any member's operand).
        let index = s.index
        for op in 0..<n {
            let unit = units[op]
            let addressed = machine.addressedMemories(unit)
            producers.removeAll(keepingCapacity: true)
            for producer in s.operands.edgeProducers[op] where !producers.contains(Int(producer)) { producers.append(Int(producer)) }
            guard var phase = machine.timing(op, on: unit, units: units, producers: producers,
                                             isResident: { tensor in
                addressed.contains { index.hasBuffer(tensor, $0) }
            }) else { continue }
            if let recomputes = s.recomputedBefore[op] {
                // Its recomputations first, on its unit: each producer alone (unfused), with the tensor and its
                // activation inputs where the plan keeps them, its weights read where they are stored.
                guard let extra = recomputePhase(recomputes, on: unit, graph, machine, plan, s) else { continue }
                phase.durationUS += extra.durationUS
                phase.overheadUS += extra.overheadUS
                phase.bytes += extra.bytes
            }
            if !plan.streamRoutes.isEmpty { phase.durationUS = max(phase.durationUS, Self.streamFloorUS(op, on: unit, graph, machine, plan)) }
            durationTicks[op] = SimTime(microseconds: phase.durationUS).ticks
            overheadTicks[op] = SimTime(microseconds: phase.overheadUS).ticks
            busyUS[op] = phase.durationUS - phase.overheadUS
            streamedBytes[op] = phase.bytes
        }
        self.durationTicks = durationTicks
        self.overheadTicks = overheadTicks
        self.busyUS = busyUS
        self.streamedBytes = streamedBytes
        if machine.unitWeightMemory.contains(where: { $0 != nil }) {
            operatorWeightMemory = units.map { Int32(machine.unitWeightMemory[$0] ?? -1) }
            weightBytes = (0..<n).map { op in
                durationTicks[op] < 0 ? 0 : machine.weightBytes(op, on: units[op], graph)
                    + (s.recomputedBefore[op] ?? []).reduce(0.0) { total, recompute in
                        total + (graph.producer[recompute.tensor].map { machine.weightBytes($0, on: units[op], graph) } ?? 0)
                    }
            }
        }
    }

    /// Whether `op` streams from a memory in its busy phase (its activations or its weights).
    func streams(_ op: Int) -> Bool {
        streamedBytes[op] > 0 || (!weightBytes.isEmpty && operatorWeightMemory[op] >= 0 && weightBytes[op] > 0)
    }

    /// The summed phases of recomputations run on `unit`; nil when it cannot run a producer.
    func recomputePhase(_ recomputes: [ScheduledSpill], on unit: Int, _ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan,
                        _ s: _TableScratch) -> SimulationMachine.Phase? {
        var total = SimulationMachine.Phase(durationUS: 0, overheadUS: 0, bytes: 0)
        let addressed = machine.addressedMemories(unit)
        for recompute in recomputes {
            guard let producer = graph.producer[recompute.tensor] else { return nil }
            var units = plan.units
            units[producer] = unit
            var producers: [Int] = []
            for other in s.operands.edgeProducers[producer] where !producers.contains(Int(other)) { producers.append(Int(other)) }
            guard let phase = machine.timing(producer, on: unit, units: units, producers: producers, unfused: true, isResident: { tensor in
                graph.tensors[tensor].kind != .constant && addressed.contains { s.index.hasBuffer(tensor, $0) }
            }) else { return nil }
            total.durationUS += phase.durationUS
            total.overheadUS += phase.overheadUS
            total.bytes += phase.bytes
        }
        return total
    }
}
