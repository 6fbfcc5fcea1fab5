import HeteroSim
import HeteroSupport

/// Writing what a simulation shows, shared by `plan` (the plan it just made) and `simulate` (a
/// saved, maybe hand-edited plan); both run the plan with `Simulator.run(_:file:graph:...)`.
enum PlanSimulation {
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
