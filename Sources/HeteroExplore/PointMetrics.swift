import HeteroCost
import HeteroPlan
import HeteroPlatform

/// Figures of a planned schedule that the plan document does not carry: energy, memory spills,
/// tiling and operators per unit.
enum PointMetrics {
    /// The metrics a point may report besides `cost` (with a cost model) and the per-unit ones.
    static let names = ["latency_us", "lower_bound_us", "energy_uj", "interval_us", "memory_spills", "spill_bytes",
                        "transfers", "transfer_bytes", "unit_switches", "tiled_operators"]
    /// Per-unit metrics: the prefix followed by a unit name.
    static let perUnitPrefixes = ["tiled_operators.", "operators."]

    /// - `energy_uj`: operators on their units + transfers between unit memories + spill copies
    ///   (bytes read from the source memory and written to the destination, at each memory's pJ/byte).
    /// - `memory_spills`, `spill_bytes`: store and reload copies made by the memory-spill pass.
    /// - `tiled_operators[.unit]`: operators whose working set exceeds their unit's local memory.
    /// - `operators.<unit>`: operators placed on each unit.
    static func measure(schedule: Schedule, costs: CostEngine.Result, platform: Platform) -> [String: Double] {
        let table = costs.table
        var energyPJ = 0.0
        var tiled = [Double](repeating: 0, count: table.unitCount)
        var placed = [Double](repeating: 0, count: table.unitCount)
        for (op, scheduled) in schedule.operators.enumerated() {
            energyPJ += table.energyPJ[op][scheduled.unit] ?? 0
            placed[scheduled.unit] += 1
            if costs.details[op][scheduled.unit].tiles > 1 { tiled[scheduled.unit] += 1 }
        }
        for transfer in schedule.transfers {
            energyPJ += Double(transfer.bytes) * table.transferEnergyPJPerByte[transfer.fromUnit][transfer.toUnit]
        }
        let memoryEnergy = table.memoryNames.map { name in platform.memories.first { $0.name == name }?.pjPerByte ?? 0 }
        var spillBytes = 0
        for spill in schedule.spills {
            spillBytes += spill.bytes
            let perByte = (spill.fromMemory < memoryEnergy.count ? memoryEnergy[spill.fromMemory] : 0)
                + (spill.toMemory < memoryEnergy.count ? memoryEnergy[spill.toMemory] : 0)
            energyPJ += Double(spill.bytes) * perByte
        }
        var metrics: [String: Double] = [
            "energy_uj": energyPJ / 1e6,
            "memory_spills": Double(schedule.spills.count),
            "spill_bytes": Double(spillBytes),
            "tiled_operators": tiled.reduce(0, +),
        ]
        for (unit, name) in table.unitNames.enumerated() {
            metrics["tiled_operators.\(name)"] = tiled[unit]
            metrics["operators.\(name)"] = placed[unit]
        }
        return metrics
    }
}
