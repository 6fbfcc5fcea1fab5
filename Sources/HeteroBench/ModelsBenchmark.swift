import Foundation
import HeteroCost
import HeteroIR
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSupport

/// The body of `hetero-plan benchmark models`: every bundled model on every shipped platform with every
/// baseline and `optimize`, in one run; plus planning-time figures (including a synthetic
/// 5,000-operator graph).
public struct ModelsBenchmark {
    /// Directory of ONNX models.
    public var models: String = "Models"

    /// Directory of platform files (examples/ is skipped).
    public var platforms: String = "Platforms"

    /// Directory for models-benchmark.json and .md.
    public var output: String = "Results"

    /// An optimizer time cap per plan (seconds), or nil: limits counted in work only.
    public var timeLimit: Double?

    /// Size of the synthetic graph timed at the end (0 to skip).
    public var syntheticOperators: Int = 5000

    struct Row: Encodable {
        let model: String
        let platform: String
        let operators: Int
        let makespanUS: [String: Double]
        let bestBaseline: String
        let optimizeSeconds: Double
        let optimizeGap: Double
        /// Per memory with live data: peak / lower bound of optimize's memory plan.
        let memoryPeakOverBound: [String: Double]
        let memorySpills: Int

        enum CodingKeys: String, CodingKey {
            case model, platform, operators
            case memoryPeakOverBound = "memory_peak_over_bound"
            case memorySpills = "memory_spills"
            case makespanUS = "makespan_us"
            case bestBaseline = "best_baseline"
            case optimizeSeconds = "optimize_seconds"
            case optimizeGap = "optimize_gap"
        }
    }

    static let baselines: [any PlanningStrategy] = [CPUOnlyStrategy(), FallbackStrategy(), GreedyStrategy(), HEFTStrategy(), PEFTStrategy()]

    public init(models: String = "Models", platforms: String = "Platforms", output: String = "Results", timeLimit: Double? = nil, syntheticOperators: Int = 5000) {
        self.models = models
        self.platforms = platforms
        self.output = output
        self.timeLimit = timeLimit
        self.syntheticOperators = syntheticOperators
    }

    public func run() throws {
        let modelFiles = try BenchmarkInputs.modelFiles(in: models)
        let platformFiles = try BenchmarkInputs.platformFiles(in: platforms)
        var rows: [Row] = []
        var options = PlanOptions()
        options.timeLimitSeconds = timeLimit
        for platformFile in platformFiles {
            let platform = try Platform.load(path: "\(platforms)/\(platformFile)")
            for modelFile in modelFiles {
                let graph = try ModelLoader.load(path: "\(models)/\(modelFile)")
                // Every strategy through the one pipeline `plan` runs (costs, strategy, residency with
                // its evictions, memory planning with memory spill and memory-aware re-placement), so
                // a baseline's makespan is that of a plan that fits its memories, as optimize's is.
                var makespans: [String: Double] = [:]
                for baseline in Self.baselines {
                    if let result = try? PlanPipeline.run(graph: graph, platform: platform, strategy: baseline, options: options) {
                        makespans[baseline.name] = result.document.summary.makespanUS
                    }
                }
                let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: OptimizeStrategy(), options: options)
                let seconds = outcome.seconds
                let makespan = outcome.document.summary.makespanUS
                var ratios: [String: Double] = [:]
                for memory in outcome.document.memories where memory.lowerBoundBytes > 0 {
                    ratios[memory.name] = Double(memory.peakBytes) / Double(memory.lowerBoundBytes)
                }
                makespans["optimize"] = makespan
                let best = makespans.filter { $0.key != "optimize" && $0.key != "cpu-only" }.min { $0.value < $1.value }!
                rows.append(Row(model: graph.name, platform: platform.name, operators: graph.operators.count, makespanUS: makespans,
                                bestBaseline: best.key, optimizeSeconds: seconds, optimizeGap: outcome.document.summary.gap,
                                memoryPeakOverBound: ratios, memorySpills: outcome.document.spills.count))
                print(String(format: "%-18@ %-18@ best baseline %-8@ %10.1f us  optimize %10.1f us (%.1f%% better, %.2f s)",
                             platform.name as NSString, graph.name as NSString, best.key as NSString, best.value, makespan,
                             100 * (best.value - makespan) / best.value, seconds))
            }
        }
        var syntheticSeconds: Double?
        if syntheticOperators > 0 {
            let units = ["u0", "u1", "u2"]
            let graph = try RandomTaskGraph(tasks: syntheticOperators, units: units).generate(seed: 5000)
            let problem = try PlanProblem(graph: graph, costs: ClassicCosts.table(graph, units: units, bandwidthBytesPerUS: 1000))
            syntheticSeconds = try Stopwatch.seconds { _ = try OptimizeStrategy().schedule(problem, options: options) }
            print(String(format: "synthetic %d-operator task graph: optimize %.2f s", syntheticOperators, syntheticSeconds!))
        }
        try write(rows, syntheticSeconds: syntheticSeconds)
    }

    private func write(_ rows: [Row], syntheticSeconds: Double?) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(output)/models-benchmark.json")
        let names = ["cpu-only", "fallback", "greedy", "heft", "peft", "optimize"]
        var lines = [
            "# Real models: optimize against the baselines",
            "",
            "`hetero-plan benchmark models` (release build), predicted makespan in microseconds from the analytic cost model,",
            "every strategy through the pipeline `plan` runs (residency evictions, memory planning and spill included), on the same cost tables in the same run, every schedule timed with the platform's contention (all",
            "shipped platforms share memory and link bandwidth). \"vs best\" is the improvement of optimize over the best of",
            "fallback, greedy, HEFT and PEFT; \"gap\" is optimize's distance to its makespan lower bound; \"peak/LB\" is the",
            "worst ratio, over the memories holding activations, of optimize's planned peak to the most bytes live at once;",
            "\"spills\" counts memory-spill decisions; \"optimize (s)\" includes memory planning.",
            "",
            "| platform | model | ops | " + names.joined(separator: " | ") + " | vs best | gap | peak/LB | spills | optimize (s) |",
            "|---|---|---|" + names.map { _ in "---|" }.joined() + "---|---|---|---|---|",
        ]
        for row in rows {
            let best = row.makespanUS[row.bestBaseline]!
            let optimize = row.makespanUS["optimize"]!
            let cells = names.map { row.makespanUS[$0].map { String(format: "%.1f", $0) } ?? "n/a" }
            lines.append("| \(row.platform) | \(row.model) | \(row.operators) | " + cells.joined(separator: " | ")
                         + String(format: " | %.1f%% | %.1f%% | %.3f | %d | %.2f |", 100 * (best - optimize) / best, 100 * row.optimizeGap,
                                  row.memoryPeakOverBound.values.max() ?? 1, row.memorySpills, row.optimizeSeconds))
        }
        let worse = rows.filter { $0.makespanUS["optimize"]! > $0.makespanUS[$0.bestBaseline]! + 1e-9 }.count
        lines.append("")
        lines.append("Plans where optimize is worse than the best baseline: \(worse) of \(rows.count).")
        let meanGap = rows.isEmpty ? 0 : rows.reduce(0) { $0 + $1.optimizeGap } / Double(rows.count)
        lines.append(String(format: "Mean gap of optimize to its lower bound: %.1f%% over the %d plans.", 100 * meanGap, rows.count))
        let overFive = rows.filter { ($0.memoryPeakOverBound.values.max() ?? 1) > 1.05 }
        lines.append("Plans whose memory peak exceeds its lower bound by more than 5% in some memory: \(overFive.count) of \(rows.count)"
                     + (overFive.isEmpty ? "." : " (" + overFive.map { "\($0.model) on \($0.platform)" }.joined(separator: ", ") + ")."))
        if let syntheticSeconds {
            lines.append(String(format: "Planning time of optimize on a synthetic %d-operator task graph (3 units): %.2f s.", syntheticOperators, syntheticSeconds))
        }
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(output)/models-benchmark.md")
        print("wrote \(output)/models-benchmark.json and .md")
    }
}
