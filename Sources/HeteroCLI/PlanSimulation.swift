import HeteroCost
import HeteroIR
import HeteroPlatform
import HeteroRecords
import HeteroSim
import HeteroSupport

/// Running a plan file on the simulator and writing what it shows, shared by `plan` (the plan it
/// just made) and `simulate` (a saved, maybe hand-edited plan).
enum PlanSimulation {
    /// Resolves `document` (named `file` in errors) against the model and platform and runs it.
    ///
    /// - Throws: `InputError` when the plan does not match the model or platform (exit 2),
    ///   `SimulationViolation` when it runs but is invalid (exit 3).
    static func run(_ document: PlanDocument, file: String = "(plan)", graph: Graph, platform: Platform, costs: CostEngine.Result,
                    contention: ContentionSetting?) throws -> SimulationRun {
        let machine = SimulationMachine(costs: costs.table, platform: platform)
        let plan = try SimulationPlan(resolving: document, file: file, graph: graph, unitNames: costs.table.unitNames,
                                      memoryNames: costs.table.memoryNames)
        var options = SimulationOptions()
        options.contention = contention.map { $0 == .on }
        return try Simulator(graph: graph, machine: machine, options: options).execute(plan)
    }

    /// Renders every requested file first, then writes each atomically, so that a failure while
    /// rendering leaves nothing behind.
    static func writeFiles(_ run: SimulationRun, options: SimulationOptionGroup, title: String) throws {
        var files: [(path: String, contents: String)] = []
        if let trace = options.trace { files.append((trace, ChromeTrace.json(run))) }
        if let gantt = options.gantt { files.append((gantt, GanttChart.svg(run, title: title))) }
        if let plot = options.memoryPlot { files.append((plot, MemoryPlot.svg(run, title: title))) }
        for file in files { try TextFile.writeAtomically(file.contents, to: file.path) }
    }
}
