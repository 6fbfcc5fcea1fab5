import HeteroCost
import HeteroIR

extension PlanProblem {
    /// `smallestStoredBytes`: per resident memory, each tensor's fewest stored bytes on the units
    /// keeping activations there. One unit per distinct compute width stands for the units of
    /// that width that pad no channels (they store a tensor alike); a unit that pads channels
    /// (`CostTable.paddedChannels`) counts on its own (`storageRepresentatives`).
    static func smallestStoredBytes(_ graph: Graph, _ costs: CostTable, representatives: [[Int]]) -> [[Int]] {
        representatives.map { units in
            units.isEmpty ? [] : graph.tensors.map { tensor in units.map { costs.storedBytes(tensor, on: $0) }.min()! }
        }
    }

    /// Per memory, the units standing for the units keeping activations there, ascending (empty
    /// for a memory no unit keeps activations in): one per distinct compute width among those that
    /// pad no channels, and every unit that pads channels.
    static func storageRepresentatives(_ costs: CostTable) -> [[Int]] {
        struct StorageClass: Hashable { var memory: Int; var bits: Int?; var paddingUnit: Int }
        var representative: [StorageClass: Int] = [:]
        for unit in 0..<costs.unitCount {
            guard let memory = costs.residentMemory[unit] else { continue }
            let pads = unit < costs.paddedChannels.count && !costs.paddedChannels[unit].isEmpty
            let key = StorageClass(memory: memory, bits: unit < costs.computeBits.count ? costs.computeBits[unit] : nil,
                                   paddingUnit: pads ? unit : -1)
            if representative[key] == nil { representative[key] = unit }
        }
        var units = [[Int]](repeating: [], count: costs.memoryNames.count)
        for (key, unit) in representative { units[key.memory].append(unit) }
        return units.map { $0.sorted() }
    }
}
