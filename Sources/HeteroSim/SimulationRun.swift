import HeteroIR

/// A finished simulation with everything needed to describe it: the graph (names of operators
/// and tensors), the machine (units, memories, links), the plan that ran and what happened. The
/// output writers (`ChromeTrace`, `GanttChart`, `MemoryPlot`) are made from it, and the plan
/// document's `summary.simulation` is `result.summary`.
public struct SimulationRun: Sendable {
    public let graph: Graph
    public let machine: SimulationMachine
    public let plan: SimulationPlan
    public let result: SimulationResult

    public init(graph: Graph, machine: SimulationMachine, plan: SimulationPlan, result: SimulationResult) {
        self.graph = graph
        self.machine = machine
        self.plan = plan
        self.result = result
    }

    /// Data dependencies whose producer and consumer the plan puts on different units.
    var crossUnitEdges: [_DataEdge] {
        _DataEdge.incoming(graph).flatMap { $0 }.filter { plan.units[$0.producer] != plan.units[$0.consumer] }
    }
}

extension Simulator {
    /// Runs `plan` and keeps everything the output writers need.
    ///
    /// - Throws: the first `SimulationViolation`.
    public func execute(_ plan: SimulationPlan) throws(SimulationViolation) -> SimulationRun {
        SimulationRun(graph: graph, machine: machine, plan: plan, result: try run(plan))
    }
}
