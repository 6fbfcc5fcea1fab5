import HeteroCost
import HeteroPlan
import HeteroPlatform
import HeteroRecords

/// Figures of a planned schedule that the plan document does not carry: memory spills, tiling and
/// operators per unit (energy is the document's `summary.energy_uj`).
enum PointMetrics {
    /// The metrics a point may report besides `cost` (with a cost model) and the per-unit ones.
    static let names = ["latency_us", "lower_bound_us", "energy_uj", "interval_us", "memory_spills", "spill_bytes",
                        "transfers", "transfer_bytes", "unit_switches", "tiled_operators", "streamed_bytes", "evicted_activations",
                        "weight_prefetches", "prefetch_bytes"]
    /// Per-unit metrics: the prefix followed by a unit name.
    static let perUnitPrefixes = ["tiled_operators.", "operators."]

    /// - `interval_us` (from the plan document): the plan's pipelined interval under any objective
    ///   (a property of its assignment, `PlanMetrics.intervalUS`); only the throughput objective
    ///   minimises it, so under another objective it is what the chosen plan sustains back to back.
    /// - `memory_spills`, `spill_bytes`: store and reload copies made by the memory-spill pass.
    /// - `tiled_operators[.unit]`: operators whose working set exceeds their unit's local memory.
    /// - `operators.<unit>`: operators placed on each unit.
    /// - `streamed_bytes`: bytes moved from the units' memories (DRAM) for the operators: what they
    ///   stream (weights and every activation not kept in a resident memory,
    ///   `PlanMetrics.streamedBytes`) and the weights prefetched into resident memories for them.
    /// - `evicted_activations`: activations the residency stage moved out of a resident memory.
    /// - `weight_prefetches`, `prefetch_bytes`: weights copied into resident memories during the
    ///   operators before their readers (`WeightPrefetcher`); not counted among `memory_spills`.
    static func measure(problem: PlanProblem, schedule: Schedule, costs: CostEngine.Result) -> [String: Double] {
        let table = costs.table
        var tiled = [Double](repeating: 0, count: table.unitCount)
        var placed = [Double](repeating: 0, count: table.unitCount)
        for (op, scheduled) in schedule.operators.enumerated() {
            placed[scheduled.unit] += 1
            if costs.details[op][scheduled.unit].tiles > 1 { tiled[scheduled.unit] += 1 }
        }
        let spills = schedule.spills.filter { $0.kind != .prefetch }
        let prefetches = schedule.spills.filter { $0.kind == .prefetch }
        var metrics: [String: Double] = [
            "memory_spills": Double(spills.count),
            "spill_bytes": Double(spills.reduce(0) { $0 + $1.bytes }),
            "weight_prefetches": Double(prefetches.count),
            "prefetch_bytes": Double(prefetches.reduce(0) { $0 + $1.bytes }),
            "tiled_operators": tiled.reduce(0, +),
            "streamed_bytes": PlanMetrics.streamedBytes(problem, schedule.assignment) + Double(prefetches.reduce(0) { $0 + $1.bytes }),
            "evicted_activations": Double(problem.evictedActivations(schedule.assignment).count),
        ]
        for (unit, name) in table.unitNames.enumerated() {
            metrics["tiled_operators.\(name)"] = tiled[unit]
            metrics["operators.\(name)"] = placed[unit]
        }
        return metrics
    }
}
