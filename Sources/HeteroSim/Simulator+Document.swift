import HeteroCost
import HeteroIR
import HeteroPlatform
import HeteroRecords
import HeteroSupport

extension Simulator {
    /// Resolves a plan document (named `file` in errors) against the model's graph and the
    /// machine the platform and its cost table describe, and runs it.
    ///
    /// - Parameter contention: overrides the platform's `interconnect.contention` when given.
    /// - Throws: `InputError` when the plan does not match the model or platform, or is longer
    ///   than the simulator can represent (`checkSpan`; bad input),
    ///   `SimulationViolation` when it runs but is invalid.
    public static func run(_ document: PlanDocument, file: String = "(plan)", graph: Graph, platform: Platform, costs: CostTable,
                           contention: Bool? = nil) throws -> SimulationRun {
        let machine = SimulationMachine(costs: costs, platform: platform)
        try checkSpan(document, file: file, graph: graph, machine: machine)
        let plan = try SimulationPlan(resolving: document, file: file, graph: graph, unitNames: costs.unitNames, memoryNames: costs.memoryNames,
                                      residency: costs)
        var options = SimulationOptions()
        options.contention = contention
        return try Simulator(graph: graph, machine: machine, options: options).execute(plan)
    }

    /// `checkSpan` on its own, for a caller that tells a plan too long to simulate (the
    /// platform's or model's scale: bad input) from a plan that does not resolve (`run`'s other
    /// `InputError`s: for a plan just made, a planner defect).
    public static func checkSpan(_ document: PlanDocument, file: String = "(plan)", graph: Graph, platform: Platform,
                                 costs: CostTable) throws(InputError) {
        try checkSpan(document, file: file, graph: graph, machine: SimulationMachine(costs: costs, platform: platform))
    }
}
