extension CostTable {
    /// The table restricted to the operators `kept` (original indices, ascending), renumbered
    /// 0..<kept.count in that order: every per-operator figure follows its operator, fused
    /// composites are renumbered (a composite with a dropped member loses that member), and the
    /// residency operands' tensors are replaced as `tensorSubstitute` says (a dropped view's
    /// output by the tensor its readers now read; tensor indices are otherwise unchanged).
    /// - Complexity: O(kept.count × units).
    public func keeping(_ kept: [Int], tensorSubstitute: [Int: Int] = [:]) -> CostTable {
        var table = self
        func pick<T>(_ rows: [T]) -> [T] { rows.isEmpty ? rows : kept.map { rows[$0] } }
        func substituted(_ rows: [[ResidencyCost?]]) -> [[ResidencyCost?]] {
            guard !tensorSubstitute.isEmpty else { return rows }
            return rows.map { row in
                row.map { cost in
                    cost.map { cost in
                        var cost = cost
                        for index in cost.operands.indices {
                            cost.operands[index].tensor = tensorSubstitute[cost.operands[index].tensor] ?? cost.operands[index].tensor
                        }
                        return cost
                    }
                }
            }
        }
        table.execUS = pick(execUS)
        table.reasons = pick(reasons)
        table.energyPJ = pick(energyPJ)
        table.memoryBytes = pick(memoryBytes)
        table.weightBytes = pick(weightBytes)
        table.overheadUS = pick(overheadUS)
        table.residency = substituted(pick(residency))
        table.fusedResidency = substituted(pick(fusedResidency))
        table.fusedExecUS = pick(fusedExecUS)
        table.programBytes = pick(programBytes)
        var renumbered = [Int?](repeating: nil, count: operatorCount)
        for (index, op) in kept.enumerated() { renumbered[op] = index }
        table.composites = composites.map { $0.compactMap { renumbered[$0] } }.filter { !$0.isEmpty }
        return table
    }
}
