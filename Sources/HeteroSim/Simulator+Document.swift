import HeteroCost
import HeteroIR
import HeteroPlatform
import HeteroRecords
import HeteroSupport

extension Simulator {
    /// Resolves a plan document (named `file` in errors) against the model's graph and the
    /// machine the platform and its cost table describe, and runs it: `prepare`, then `run`.
    ///
    /// - Parameter contention: overrides the platform's `interconnect.contention` when given.
    /// - Throws: `InputError` when the plan does not match the model or platform, or is longer
    ///   than the simulator can represent (`checkSpan`; bad input),
    ///   `SimulationViolation` when it runs but is invalid.
    public static func run(_ document: PlanDocument, file: String = "(plan)", graph: Graph, platform: Platform, costs: CostTable,
                           contention: Bool? = nil) throws -> SimulationRun {
        try prepare(document, file: file, graph: graph, platform: platform, costs: costs).run(contention: contention)
    }

    /// Builds the machine the platform and its cost table describe and checks that the plan's
    /// span fits the simulator's clock (`checkSpan`).
    ///
    /// - Throws: `InputError` naming the longest time's JSON path when the plan is longer than
    ///   the simulator can represent.
    public static func prepare(_ document: PlanDocument, file: String = "(plan)", graph: Graph, platform: Platform,
                               costs: CostTable) throws(InputError) -> PreparedSimulation {
        let machine = SimulationMachine(costs: costs, platform: platform)
        try checkSpan(document, file: file, graph: graph, machine: machine)
        return PreparedSimulation(document: document, file: file, graph: graph, machine: machine)
    }
}
