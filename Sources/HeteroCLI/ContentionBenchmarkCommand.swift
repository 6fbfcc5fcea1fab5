import ArgumentParser
import Foundation
import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// `hetero-plan benchmark contention`: how far the optimizer's predictions (an ideal interconnect)
/// are from the simulator with contention on (shared link and DRAM bandwidth), for every bundled
/// model on every shipped platform.
struct ContentionBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contention",
        abstract: "Simulated (contention on) over predicted makespan of optimize's plans, nine models x every platform."
    )

    @Option(help: "Directory of ONNX models.")
    var models: String = "Models"

    @Option(help: "Directory of platform files (examples/ is skipped).")
    var platforms: String = "Platforms"

    @Option(help: "Directory for contention-benchmark.json and .md.")
    var output: String = "Results"

    @Option(help: "Refinement budget per plan in schedule evaluations (default: the planner's own).")
    var evaluations: Int?

    struct Row: Codable {
        let platform: String
        let model: String
        let predictedUS: Double
        let simulatedOffUS: Double
        let simulatedOnUS: Double
        let worstLinkUtilisation: Double

        enum CodingKeys: String, CodingKey {
            case platform, model
            case predictedUS = "predicted_us"
            case simulatedOffUS = "simulated_contention_off_us"
            case simulatedOnUS = "simulated_contention_on_us"
            case worstLinkUtilisation = "worst_link_utilisation"
        }

        var ratio: Double { simulatedOnUS / predictedUS }
    }

    func run() throws {
        let modelFiles = try FileManager.default.contentsOfDirectory(atPath: models).filter { $0.hasSuffix(".onnx") }.sorted()
        let platformFiles = try FileManager.default.contentsOfDirectory(atPath: platforms)
            .filter { $0.hasSuffix(".json") && $0 != "platform.schema.json" }.sorted()
        var options = PlanOptions()
        options.evaluationBudget = evaluations
        var rows: [Row] = []
        for platformFile in platformFiles {
            let platform = try Platform.load(path: "\(platforms)/\(platformFile)")
            for modelFile in modelFiles {
                let graph = try ModelLoader.load(path: "\(models)/\(modelFile)")
                let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: OptimizeStrategy(), options: options)
                let file = PlanFile(document: outcome.document)
                let off = try PlanSimulation.run(file, graph: graph, platform: platform, costs: outcome.costs, contention: .off)
                let on = try PlanSimulation.run(file, graph: graph, platform: platform, costs: outcome.costs, contention: .on)
                let row = Row(platform: platform.name, model: graph.name, predictedUS: outcome.document.summary.makespanUS,
                              simulatedOffUS: off.result.makespanUS, simulatedOnUS: on.result.makespanUS,
                              worstLinkUtilisation: on.result.links.map(\.utilisation).max() ?? 0)
                rows.append(row)
                print(String(format: "%-18@ %-16@ predicted %10.1f us  contention off %10.1f us  on %10.1f us  (x%.3f)",
                             platform.name as NSString, graph.name as NSString, row.predictedUS, row.simulatedOffUS, row.simulatedOnUS, row.ratio))
            }
        }
        try write(rows)
    }

    private func write(_ rows: [Row]) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(output)/contention-benchmark.json")
        var lines = [
            "# Predicted against simulated makespan, contention on",
            "",
            "`hetero-plan benchmark contention` (release build): each model's `optimize` plan (latency) on each shipped platform,",
            "simulated with contention off (must equal the prediction) and on (concurrent transfers share a link's bandwidth and",
            "every unit computing from DRAM shares DRAM's). The optimizer predicts with an ideal interconnect.",
            "",
            "| platform | model | predicted (us) | simulated, off (us) | simulated, on (us) | on / predicted | busiest link |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            lines.append(String(format: "| %@ | %@ | %.1f | %.1f | %.1f | %.3f | %.0f%% |", row.platform, row.model, row.predictedUS,
                                row.simulatedOffUS, row.simulatedOnUS, row.ratio, 100 * row.worstLinkUtilisation))
        }
        let exact = rows.filter { abs($0.simulatedOffUS - $0.predictedUS) <= 1e-9 * max(1, $0.predictedUS) }.count
        let within = rows.filter { $0.ratio <= 1.10 && $0.ratio >= 0.90 }.count
        let worst = rows.max { $0.ratio < $1.ratio }
        lines.append("")
        lines.append("Contention off equal to the prediction (relative 1e-9): \(exact) of \(rows.count).")
        lines.append("Contention on within 10% of the prediction: \(within) of \(rows.count)"
                     + (worst.map { String(format: "; worst %@ on %@, x%.3f.", $0.model, $0.platform, $0.ratio) } ?? "."))
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(output)/contention-benchmark.md")
        print("wrote \(output)/contention-benchmark.json and .md")
    }
}
