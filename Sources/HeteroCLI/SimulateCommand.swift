import ArgumentParser
import Foundation
import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroRecords
import HeteroSim
import HeteroSupport

/// `hetero-plan simulate`: re-run a saved (possibly hand-edited) plan on the simulator.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Execute a saved plan (hetero-plan/plan@1) on the discrete-event simulator and validate it.",
        discussion: """
            The model is the plan's model_path unless --model is given. Exit status: 0 the plan is valid, \
            2 bad input (unreadable or malformed plan, model or platform, or a plan that does not match them), \
            3 the plan is invalid (the first violation is printed on stderr).
            """
    )

    @Argument(help: "A plan file written by `hetero-plan plan -o`.")
    var plan: String

    @OptionGroup var platformOption: PlatformOption

    @Option(help: "The model the plan is for (default: the plan's model_path).")
    var model: String?

    @Option(name: .customLong("input-shape"), help: ArgumentHelp("Input shape overrides (default: the plan's input_shapes).", valueName: "NAME=DIMS"))
    var inputShapes: [String] = []

    @Option(help: "Measured latencies (default: the plan's profile_path).")
    var profile: String?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @OptionGroup var simulation: SimulationOptionGroup

    /// The JSON printed with `--format json`.
    struct Report: Encodable {
        let format = "hetero-plan/simulation@1"
        let plan: String
        let model: String
        let platform: String
        let simulation: PlanDocument.Simulation
    }

    func run() throws {
        var outputs = OutputFiles()
        simulation.addFiles(to: &outputs)
        try outputs.check()
        let file = try PlanDocument.read(path: plan)
        let platform = try platformOption.load()
        if file.platform != platform.name {
            throw InputError.invalid(file: plan, what: "plan", problems: [
                Problem(JSONPath.root.appending("platform"),
                        "the plan is for platform \"\(file.platform)\", but \(platformOption.platform) describes \"\(platform.name)\""),
            ])
        }
        let (_, model) = try PlanModel.load(for: file, plan: plan, model: model, inputShapes: inputShapes)
        let graph = try PlanModel.splitting(model, as: file, plan: plan)
        let costProfile = try (profile ?? file.profilePath).map { try CostProfile.load(path: $0, platform: platform, graph: graph) }
        let costs = try CostEngine(platform: platform, profile: costProfile).evaluate(graph)
        let run = try Simulator.run(file, file: plan, graph: graph, platform: platform, costs: costs.table, contention: simulation.contention.map { $0 == .on })
        let summary = run.result.summary
        let output: String
        switch format {
        case .table:
            output = "plan       \(plan): \(file.model) on \(file.platform)\(file.strategy.isEmpty ? "" : ", strategy \(file.strategy)")\n"
                + SimulationTable.render(summary)
        case .json:
            output = try JSONOutput.encode(Report(plan: plan, model: file.model, platform: file.platform, simulation: summary)) + "\n"
        }
        try OutputFiles.write(PlanSimulation.files(run, options: simulation, title: "\(file.model) on \(file.platform)"))
        print(output, terminator: "")
    }
}
