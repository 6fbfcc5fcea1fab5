import Foundation
import HeteroCost
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// The body of `hetero-plan benchmark contention`: for every bundled model on every shipped platform, how
/// close the optimizer's contention-aware prediction is to the simulator with contention on, and
/// whether modelling contention gives better plans than planning for an ideal interconnect (the
/// same optimizer on the platform with contention switched off), both simulated with contention
/// on. The blind plan simulated with contention off must equal its prediction exactly.
public struct ContentionBenchmark {
    /// Directory of ONNX models.
    public var models: String = "Models"

    /// Directory of platform files (examples/ is skipped).
    public var platforms: String = "Platforms"

    /// Directory for contention-benchmark.json and .md.
    public var output: String = "Results"

    /// Refinement budget per plan in schedule evaluations (default: the planner's own).
    public var evaluations: Int?

    struct Row: Codable {
        let platform: String
        let model: String
        /// The contention-aware plan: its prediction and the simulator with contention on.
        let predictedUS: Double
        let simulatedOnUS: Double
        /// The plan made for an ideal interconnect: its prediction and the simulator, contention off and on.
        let blindPredictedUS: Double
        let blindSimulatedOffUS: Double
        let blindSimulatedOnUS: Double
        let awareSeconds: Double
        let blindSeconds: Double
        let worstLinkUtilisation: Double

        enum CodingKeys: String, CodingKey {
            case platform, model
            case predictedUS = "predicted_us"
            case simulatedOnUS = "simulated_contention_on_us"
            case blindPredictedUS = "blind_predicted_us"
            case blindSimulatedOffUS = "blind_simulated_contention_off_us"
            case blindSimulatedOnUS = "blind_simulated_contention_on_us"
            case awareSeconds = "aware_plan_seconds"
            case blindSeconds = "blind_plan_seconds"
            case worstLinkUtilisation = "worst_link_utilisation"
        }

        /// Simulated (contention on) over predicted, for the aware and the blind plan.
        var ratio: Double { simulatedOnUS / predictedUS }
        var blindRatio: Double { blindSimulatedOnUS / blindPredictedUS }
        /// The aware plan's simulated makespan over the blind plan's (below 1: modelling helped).
        var gain: Double { simulatedOnUS / blindSimulatedOnUS }
    }

    public init(models: String = "Models", platforms: String = "Platforms", output: String = "Results", evaluations: Int? = nil) {
        self.models = models
        self.platforms = platforms
        self.output = output
        self.evaluations = evaluations
    }

    public func run() throws {
        let modelFiles = try BenchmarkInputs.modelFiles(in: models)
        let platformFiles = try BenchmarkInputs.platformFiles(in: platforms)
        var options = PlanOptions()
        options.evaluationBudget = evaluations
        var rows: [Row] = []
        for platformFile in platformFiles {
            let platform = try Platform.load(path: "\(platforms)/\(platformFile)")
            guard platform.interconnect.contention else {
                print("\(platform.name): contention is off on this platform; skipped")
                continue
            }
            var ideal = platform
            ideal.interconnect.contention = false
            for modelFile in modelFiles {
                let graph = try ModelLoader.load(path: "\(models)/\(modelFile)")
                let aware = try PlanPipeline.run(graph: graph, platform: platform, strategy: OptimizeStrategy(), options: options)
                let on = try Simulator.run(aware.document, graph: graph, platform: platform,
                                                costs: aware.costs.table, contention: true)
                let blind = try PlanPipeline.run(graph: graph, platform: ideal, strategy: OptimizeStrategy(), options: options)
                let blindOff = try Simulator.run(blind.document, graph: graph, platform: platform, costs: blind.costs.table, contention: false)
                let blindOn = try Simulator.run(blind.document, graph: graph, platform: platform, costs: blind.costs.table, contention: true)
                let summary = aware.document.summary
                let row = Row(platform: platform.name, model: graph.name, predictedUS: summary.makespanUS, simulatedOnUS: on.result.makespanUS,
                              blindPredictedUS: blind.document.summary.makespanUS, blindSimulatedOffUS: blindOff.result.makespanUS,
                              blindSimulatedOnUS: blindOn.result.makespanUS,
                              awareSeconds: aware.seconds, blindSeconds: blind.seconds,
                              worstLinkUtilisation: on.result.links.map(\.utilisation).max() ?? 0)
                rows.append(row)
                print(String(format: "%-18@ %-16@ aware: predicted %10.1f us, simulated on %10.1f us (x%.3f)   blind: predicted %10.1f us, simulated on %10.1f us (x%.3f)   aware/blind %.4f",
                             platform.name as NSString, graph.name as NSString, row.predictedUS, row.simulatedOnUS, row.ratio,
                             row.blindPredictedUS, row.blindSimulatedOnUS, row.blindRatio, row.gain))
            }
        }
        try write(rows)
    }

    private func write(_ rows: [Row]) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(output)/contention-benchmark.json")
        var lines = [
            "# Contention in the optimizer's predictions and plans",
            "",
            "`hetero-plan benchmark contention` (release build), nine models on every shipped platform (all have contention on).",
            "",
            "- **aware**: `optimize` (latency) on the platform as shipped; its list scheduler shares memory and link bandwidth and DMA",
            "  engines (first come, first served).",
            "- **blind**: the same optimizer on the platform with contention switched off (an ideal interconnect, as before).",
            "- Both plans run on the simulator with contention on (max-min fair sharing); the blind plan also with contention off,",
            "  which must equal its prediction.",
            "",
            "| platform | model | aware predicted (us) | aware sim on (us) | on / predicted | blind predicted (us) | blind sim off (us) | blind sim on (us) | blind on / predicted | aware / blind (sim on) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            lines.append(String(format: "| %@ | %@ | %.1f | %.1f | %.3f | %.1f | %.1f | %.1f | %.3f | %.4f |", row.platform, row.model,
                                row.predictedUS, row.simulatedOnUS, row.ratio, row.blindPredictedUS, row.blindSimulatedOffUS,
                                row.blindSimulatedOnUS, row.blindRatio, row.gain))
        }
        let count = rows.count
        let exact = rows.filter { abs($0.blindSimulatedOffUS - $0.blindPredictedUS) <= 1e-9 * max(1, $0.blindPredictedUS) }.count
        func error(_ ratio: Double) -> Double { abs(ratio - 1) }
        func within(_ limit: Double, _ ratio: (Row) -> Double) -> Int { rows.filter { error(ratio($0)) <= limit }.count }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let worst = rows.max { error($0.ratio) < error($1.ratio) }
        let worstBlind = rows.max { error($0.blindRatio) < error($1.blindRatio) }
        let better = rows.filter { $0.gain < 1 - 1e-6 }.count
        let worse = rows.filter { $0.gain > 1 + 1e-6 }
        let geometric = rows.isEmpty ? 1 : exp(rows.map { log($0.gain) }.reduce(0, +) / Double(count))
        let best = rows.min { $0.gain < $1.gain }
        let worstGain = rows.max { $0.gain < $1.gain }
        lines += [
            "",
            "## Predictions",
            "",
            "- Blind plans, contention off, equal their prediction (relative 1e-9): \(exact) of \(count).",
            String(format: "- Aware plans, simulated on vs predicted: within 1%% in %d, within 5%% in %d, within 10%% in %d of %d; mean |error| %.2f%%",
                   within(0.01, \.ratio), within(0.05, \.ratio), within(0.10, \.ratio), count, 100 * mean(rows.map { error($0.ratio) }))
                + (worst.map { String(format: "; worst %@ on %@, x%.3f.", $0.model, $0.platform, $0.ratio) } ?? "."),
            String(format: "- Blind plans (ideal prediction): within 1%% in %d, within 5%% in %d, within 10%% in %d of %d; mean |error| %.2f%%",
                   within(0.01, \.blindRatio), within(0.05, \.blindRatio), within(0.10, \.blindRatio), count, 100 * mean(rows.map { error($0.blindRatio) }))
                + (worstBlind.map { String(format: "; worst %@ on %@, x%.3f.", $0.model, $0.platform, $0.blindRatio) } ?? "."),
            "",
            "## Plans, simulated with contention on",
            "",
            String(format: "- The aware plan is faster in %d, equal in %d and slower in %d of %d; geometric mean aware/blind %.4f",
                   better, count - better - worse.count, worse.count, count, geometric)
                + (best.map { String(format: "; best %@ on %@ x%.4f", $0.model, $0.platform, $0.gain) } ?? "")
                + (worstGain.map { String(format: "; worst %@ on %@ x%.4f.", $0.model, $0.platform, $0.gain) } ?? "."),
            String(format: "- Planning time: aware %.1f s in total, blind %.1f s (ratio %.2f, same run).",
                   rows.reduce(0) { $0 + $1.awareSeconds }, rows.reduce(0) { $0 + $1.blindSeconds },
                   rows.reduce(0) { $0 + $1.awareSeconds } / max(1e-9, rows.reduce(0) { $0 + $1.blindSeconds })),
        ]
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(output)/contention-benchmark.md")
        print("wrote \(output)/contention-benchmark.json and .md")
    }
}
