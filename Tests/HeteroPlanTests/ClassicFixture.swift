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

/// Two tasks on two units, t0 -> t1 with a 20 us transfer; both run in 10 us on u0 and 8 us
/// on u1. From both on u0 (20 us), moving either task alone costs the transfer (38 us); only
/// moving both together reaches the optimum, 16 us.
func pairProblem() throws -> PlanProblem {
    let costs: [String: Double?] = ["u0": 10, "u1": 8]
    let operators = [
        Operator(name: "t0", type: "Task", inputs: [], outputs: ["t0->t1"], explicitCostsUS: costs),
        Operator(name: "t1", type: "Task", inputs: ["t0->t1"], outputs: [], explicitCostsUS: costs),
    ]
    let graph = try Graph(name: "pair", tensors: [Tensor(name: "t0->t1", byteSize: 20_000, kind: .activation)],
                          operators: operators, inputs: [], outputs: [])
    return try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
}
