import HeteroCost
import HeteroIR

extension PlanProblem {
    /// `smallestStoredBytes`: per resident memory, each tensor's fewest stored bytes on the units
    /// keeping activations there. One unit per distinct compute width stands for the units of
    /// that width that pad no channels (they store a tensor alike); a unit that pads channels
    /// (`CostTable.paddedChannels`) counts on its own.
    static func smallestStoredBytes(_ graph: Graph, _ costs: CostTable) -> [[Int]] {
        struct StorageClass: Hashable { var memory: Int; var bits: Int?; var paddingUnit: Int }
        var representative: [StorageClass: Int] = [:]
        for unit in 0..<costs.unitCount {
            guard let memory = costs.residentMemory[unit] else { continue }
            let pads = unit < costs.paddedChannels.count && !costs.paddedChannels[unit].isEmpty
            let key = StorageClass(memory: memory, bits: unit < costs.computeBits.count ? costs.computeBits[unit] : nil,
                                   paddingUnit: pads ? unit : -1)
            if representative[key] == nil { representative[key] = unit }
        }
        var smallest = [[Int]](repeating: [], count: costs.memoryNames.count)
        for memory in smallest.indices {
            let units = representative.filter { $0.key.memory == memory }.map(\.value).sorted()
            guard !units.isEmpty else { continue }
            smallest[memory] = graph.tensors.map { tensor in units.map { costs.storedBytes(tensor, on: $0) }.min()! }
        }
        return smallest
    }
}
