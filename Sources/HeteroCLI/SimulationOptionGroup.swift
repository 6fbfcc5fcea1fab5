import ArgumentParser

/// `--contention on|off`, `--weight-prefetch on|off`.
enum OnOffSetting: String, ExpressibleByArgument, CaseIterable {
    case on, off
}

/// Options shared by `plan` and `simulate` for the simulation and the files it writes.
struct SimulationOptionGroup: ParsableArguments {
    @Option(help: "Contention: on (links, DMA engines and memory bandwidth are shared) or off (the classic model). Default: the platform's interconnect.contention. `plan` also plans for it.")
    var contention: OnOffSetting?

    @Option(help: ArgumentHelp("Write a Chrome trace-event JSON of the simulation (open it in Perfetto or chrome://tracing).", valueName: "FILE"))
    var trace: String?

    @Option(help: ArgumentHelp("Write an SVG Gantt chart of the simulation.", valueName: "FILE.svg"))
    var gantt: String?

    @Option(name: .customLong("memory-plot"), help: ArgumentHelp("Write an SVG plot of memory occupancy over time.", valueName: "FILE.svg"))
    var memoryPlot: String?

    var wantsFiles: Bool { trace != nil || gantt != nil || memoryPlot != nil }

    /// Adds the requested files to `outputs`.
    func addFiles(to outputs: inout OutputFiles) {
        outputs.add(trace, option: "--trace")
        outputs.add(gantt, option: "--gantt")
        outputs.add(memoryPlot, option: "--memory-plot")
    }
}
