import HeteroCost
import HeteroIR

/// The classic scheduling model's cost table for a task graph (classic-model.md): the tasks'
/// explicit costs, every pair of units linked with one bandwidth and latency, no dispatch or
/// synchronisation costs, unlimited memory, no contention.
public enum ClassicCosts {
    public static func table(_ graph: Graph, units: [String], bandwidthBytesPerUS: Double, latencyUS: Double = 0) -> CostTable {
        let n = units.count
        let exec = graph.operators.map { op in units.map { unit -> Double? in op.explicitCostsUS?[unit] ?? nil } }
        let reasons = exec.map { row in row.map { $0 == nil ? "the task graph gives no cost for this unit" : nil } }
        let fixed = (0..<n).map { a in (0..<n).map { b in a == b ? 0.0 : latencyUS } }
        let perByte = (0..<n).map { a in (0..<n).map { b in a == b ? 0.0 : 1.0 / bandwidthBytesPerUS } }
        let zero = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let routes = (0..<n).map { a in (0..<n).map { b in a == b ? [Int]() : [a * n + b] } }
        var table = CostTable(unitNames: units, unitKinds: Array(repeating: "unit", count: n), execUS: exec, reasons: reasons,
                         transferFixedUS: fixed, transferPerByteUS: perByte, syncUS: zero, unitMemory: Array(0..<n),
                         memoryNames: units.map { "\($0).memory" }, memoryCapacity: Array(repeating: nil, count: n),
                         routes: routes, linkEngines: Array(repeating: 1, count: n * n), contention: false,
                         energyPJ: exec.map { row in row.map { _ in 0 } }, transferEnergyPJPerByte: zero)
        table.memoryTransferFixedUS = fixed
        table.memoryTransferPerByteUS = perByte
        return table
    }
}
