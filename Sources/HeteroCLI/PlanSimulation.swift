import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// Running a plan file on the simulator and writing what it shows, shared by `plan` (the plan it
/// just made) and `simulate` (a saved, maybe hand-edited plan).
enum PlanSimulation {
    /// The longest plan the simulator is asked to run.
    static let simulatedSpanUS = 1e9

    /// Resolves `file` against the model and platform and runs it.
    ///
    /// - Throws: `InputError` when the plan does not match the model or platform (exit 2),
    ///   `SimulationViolation` when it runs but is invalid (exit 3).
    static func run(_ file: PlanFile, graph: Graph, platform: Platform, costs: CostEngine.Result,
                    contention: ContentionSetting?) throws -> SimulationRun {
        try checkSpan(file, graph: graph, costs: costs.table)
        let problem = try PlanProblem(graph: graph, costs: costs.table)
        let machine = SimulationMachine(costs: costs.table, platform: platform)
        let plan = try SimulationPlan(resolving: file, graph: graph, unitNames: costs.table.unitNames, memoryNames: costs.table.memoryNames)
        var options = SimulationOptions()
        options.contention = contention.map { $0 == .on }
        return try Simulator(problem: problem, machine: machine, options: options).execute(plan)
    }

    /// The requested files of the simulation (`--trace`, `--gantt`, `--memory-plot`), rendered,
    /// for `OutputFiles.write` to write together with the command's other outputs.
    static func files(_ run: SimulationRun, options: SimulationOptionGroup, title: String) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []
        if let trace = options.trace { files.append((trace, ChromeTrace.json(run))) }
        if let gantt = options.gantt { files.append((gantt, GanttChart.svg(run, title: title))) }
        if let plot = options.memoryPlot { files.append((plot, MemoryPlot.svg(run, title: title))) }
        return files
    }
}
