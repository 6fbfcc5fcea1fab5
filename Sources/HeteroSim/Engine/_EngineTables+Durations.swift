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
        for op in 0..<n {
            let unit = units[op]
            guard let duration = machine.duration(op, on: unit, units: units) else { continue }
            durationTicks[op] = SimTime(microseconds: duration).ticks
            guard op < machine.traffic.count, unit < machine.traffic[op].count, let own = costs.execUS[op][unit], own > 0 else { continue }
            // A fused member gets its share of the chain's overhead and traffic.
            let scale = duration / own
            let traffic = machine.traffic[op][unit]
            let overhead = min(duration, traffic.overheadUS * scale)
            overheadTicks[op] = SimTime(microseconds: overhead).ticks
            busyUS[op] = duration - overhead
            streamedBytes[op] = traffic.bytes * scale
        }
        self.durationTicks = durationTicks
        self.overheadTicks = overheadTicks
        self.busyUS = busyUS
        self.streamedBytes = streamedBytes
    }
}
