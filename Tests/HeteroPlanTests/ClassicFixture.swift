import HeteroBench
import HeteroCost
import HeteroIR
@testable import HeteroPlan

func classicProblem(tasks: Int, seed: UInt64) -> PlanProblem {
    let units = ["u0", "u1", "u2"]
    let graph = try! RandomTaskGraph(tasks: tasks, units: units).generate(seed: seed)
    return try! PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
}

func classicCosts(_ graph: Graph, units: [String]) -> CostTable {
    ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000)
}
