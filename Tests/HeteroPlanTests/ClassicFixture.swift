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

/// A chain of `length` tasks on two units, each edge a 20 us transfer; every task runs in 10 us
/// on u0 and 9 us on u1. From all on u0 (10·length us), moving any stretch of at most 19 tasks
/// saves less than the transfer it adds; only moving the whole chain gains (9·length us).
func chainProblem(length: Int) throws -> PlanProblem {
    let costs: [String: Double?] = ["u0": 10, "u1": 9]
    let operators = (0..<length).map { i in
        Operator(name: "t\(i)", type: "Task", inputs: i == 0 ? [] : ["e\(i - 1)"], outputs: i == length - 1 ? [] : ["e\(i)"],
                 explicitCostsUS: costs)
    }
    let tensors = (0..<(length - 1)).map { Tensor(name: "e\($0)", byteSize: 20_000, kind: .activation) }
    let graph = try Graph(name: "chain", tensors: tensors, operators: operators, inputs: [], outputs: [])
    return try PlanProblem(graph: graph, costs: classicCosts(graph, units: ["u0", "u1"]))
}

/// A latency refiner over `problem` with `budget` evaluations, scored against the list schedule of
/// `start` in index order (the perturbation and block-relocation tests drive their stages with it).
func latencyRefiner(_ problem: PlanProblem, start: [Int], budget: Int) -> Refiner {
    let reference = ScheduleBuilder(problem: problem, insertion: false).build(assignment: start, priority: Array(0..<problem.operatorCount))
    var options = PlanOptions()
    options.evaluationBudget = budget
    return Refiner(problem: problem, coarsening: Coarsening(problem, heavyEdges: false), options: options,
                   objective: ObjectiveScore(problem: problem, objective: .latency, reference: reference))
}
