import Foundation
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// The body of `hetero-plan benchmark fidelity`: every published figure of
/// `Platforms/published/figures.json` against hetero-plan's prediction for the same case, with
/// the publisher's configuration applied to the platform, planned two ways: the fallback
/// strategy with the publisher's device as its unit priority (what OpenVINO HETERO or an ONNX
/// Runtime provider list does), and `optimize` on the platform reduced to the publisher's units
/// (the planner mapping layers to engines, as the vendor's compiler does: pooling on NVDLA's
/// PDP next to convolutions on CONV). Each with the ratio predicted / published.
public struct FidelityBenchmark {
    public var figures: String
    public var models: String
    public var platforms: String
    public var output: String

    public init(figures: String = "Platforms/published/figures.json", models: String = "Models", platforms: String = "Platforms",
                output: String = "Results") {
        self.figures = figures
        self.models = models
        self.platforms = platforms
        self.output = output
    }

    struct Row: Encodable {
        let platform: String
        let model: String
        let units: [String]
        let kind: String
        let precision: String
        let changes: String
        let residency: String
        let publishedMS: Double
        let predictedMS: Double
        let simulatedMS: Double?
        let ratio: Double
        let optimizedMS: Double
        let optimizedRatio: Double
        let source: String

        enum CodingKeys: String, CodingKey {
            case platform, model, units, kind, precision, changes, residency, ratio, source
            case publishedMS = "published_ms"
            case predictedMS = "predicted_ms"
            case simulatedMS = "simulated_ms"
            case optimizedMS = "optimized_ms"
            case optimizedRatio = "optimized_ratio"
        }
    }

    public func run() throws {
        let file = try JSONDecoder().decode(PublishedFigure.File.self, from: Data(contentsOf: URL(fileURLWithPath: figures)))
        var rows: [Row] = []
        for figure in file.figures {
            var platform = try Platform.load(path: "\(platforms)/\(figure.platform)")
            var changes: [String] = []
            for (name, change) in (figure.platformChanges?.memories ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let index = platform.memories.firstIndex(where: { $0.name == name }) else {
                    throw InputError.invalid(file: figures, what: "published figures",
                                             problems: [Problem(.root, "platform_changes names memory \"\(name)\", which \(figure.platform) lacks")])
                }
                if let capacity = change.capacityBytes { platform.memories[index].capacityBytes = capacity; changes.append("\(name) \(capacity) B") }
                if let bandwidth = change.bandwidthGBs { platform.memories[index].bandwidthGBs = bandwidth; changes.append("\(name) \(bandwidth) GB/s") }
            }
            let graph = try ModelLoader.load(path: "\(models)/\(figure.model)")
            var options = PlanOptions()
            options.fallbackPriority = figure.units
            let policy = figure.residency.flatMap(ResidencyPolicy.init(rawValue:)) ?? .optimize
            options.residency = policy
            let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: FallbackStrategy(), options: options)
            let simulated = try Simulator.run(outcome.document, graph: graph, platform: platform, costs: outcome.costs.table).result.makespanUS
            let predicted = outcome.document.summary.makespanUS / 1000
            // The publisher's device alone, planned by the optimizer.
            var device = platform
            device.units.removeAll { !figure.units.contains($0.name) }
            let optimized = try PlanPipeline.run(graph: graph, platform: device, strategy: OptimizeStrategy(), options: options)
                .document.summary.makespanUS / 1000
            let row = Row(platform: platform.name, model: graph.name, units: figure.units, kind: figure.kind, precision: figure.precision,
                          changes: changes.isEmpty ? "none" : changes.joined(separator: ", "), residency: policy.rawValue,
                          publishedMS: figure.publishedMS, predictedMS: predicted, simulatedMS: simulated / 1000,
                          ratio: predicted / figure.publishedMS, optimizedMS: optimized, optimizedRatio: optimized / figure.publishedMS,
                          source: figure.source)
            rows.append(row)
            print(String(format: "%-16@ %-10@ %-28@ published %7.3f ms  fallback %7.3f ms (%.2f)  optimize %7.3f ms (%.2f)",
                         platform.name as NSString, graph.name as NSString, figure.units.joined(separator: ",") as NSString,
                         figure.publishedMS, predicted, row.ratio, optimized, row.optimizedRatio))
        }
        try write(rows, notes: file.notes ?? [])
    }

    private func write(_ rows: [Row], notes: [String]) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(output)/fidelity.json")
        var lines = [
            "# Fidelity: predictions against published figures",
            "",
            "`hetero-plan benchmark fidelity` (release build): each published figure of `Platforms/published/figures.json`",
            "(sources and quotes in `Platforms/published-figures.md`) against the predicted makespan of the same case, contention",
            "on, the residency policy shown, the platform changed only where the publisher's configuration differs (changes",
            "column), planned two ways: \"fallback\", the fallback strategy with the publisher's device as its unit priority (the",
            "units column, in order: what OpenVINO HETERO or an ONNX Runtime provider list does), and \"optimize\", the default",
            "strategy on the platform reduced to the publisher's units (layers mapped to engines as the vendor's compiler does,",
            "e.g. pooling on NVDLA's PDP beside convolutions on CONV). \"simulated\" is the discrete-event simulation of the",
            "fallback plan. ratio = predicted / published.",
            "",
            "| platform | model | units | published ms | kind | precision | changes | residency | fallback ms | simulated ms | ratio | optimize ms | ratio |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            lines.append("| \(row.platform) | \(row.model) | \(row.units.joined(separator: ", ")) | "
                         + String(format: "%.3f", row.publishedMS) + " | \(row.kind) | \(row.precision) | \(row.changes) | \(row.residency) | "
                         + String(format: "%.3f | %@ | %.2f | %.3f | %.2f |", row.predictedMS,
                                  (row.simulatedMS.map { String(format: "%.3f", $0) } ?? "n/a") as NSString, row.ratio,
                                  row.optimizedMS, row.optimizedRatio))
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes (from the figures file):")
            lines.append("")
            lines += notes.map { "- \($0)" }
        }
        lines.append("")
        lines.append("Sources:")
        lines.append("")
        for (index, row) in rows.enumerated() { lines.append("\(index + 1). \(row.platform) / \(row.units.joined(separator: ", ")): \(row.source)") }
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(output)/fidelity.md")
    }
}
