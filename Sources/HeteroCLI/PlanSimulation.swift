import HeteroSim
import HeteroSupport

/// Writing what a simulation shows, shared by `plan` (the plan it just made) and `simulate` (a
/// saved, maybe hand-edited plan). `simulate` runs the plan with `Simulator.run(_:file:graph:...)`;
/// `plan` prepares it first (`Simulator.prepare`), so that a span the machine rejects is bad input
/// (exit 2) and a rejection while running is the planner's defect (exit 3).
enum PlanSimulation {
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
