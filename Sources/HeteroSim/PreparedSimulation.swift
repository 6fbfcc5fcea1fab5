import HeteroCost
import HeteroIR
import HeteroPlatform
import HeteroRecords
import HeteroSupport

/// A plan document and the machine it is to run on, its span checked (`Simulator.prepare`):
/// what is left can fail only because the document does not resolve against the model and
/// platform, or because it runs and is invalid.
///
/// The two stages are apart for `plan`, which tells a plan too long to simulate (the platform's
/// or model's scale: bad input, from `prepare`) from a plan it has just made that does not
/// resolve (`run`'s `InputError`: a planner defect), without building the machine twice.
public struct PreparedSimulation {
    let document: PlanDocument
    let file: String
    let graph: Graph
    let machine: SimulationMachine

    /// Resolves the document against the graph and the machine's cost table, and runs it.
    ///
    /// - Parameter contention: overrides the platform's `interconnect.contention` when given.
    /// - Throws: `InputError` when the plan does not match the model or platform,
    ///   `SimulationViolation` when it runs but is invalid.
    public func run(contention: Bool? = nil) throws -> SimulationRun {
        let costs = machine.costs
        let plan = try SimulationPlan(resolving: document, file: file, graph: graph, unitNames: costs.unitNames, memoryNames: costs.memoryNames,
                                      residency: costs)
        var options = SimulationOptions()
        options.contention = contention
        return try Simulator(graph: graph, machine: machine, options: options).execute(plan)
    }
}
