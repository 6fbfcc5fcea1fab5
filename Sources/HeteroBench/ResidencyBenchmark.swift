import Foundation
import HeteroImport
import HeteroPlan
import HeteroPlatform
import HeteroSim
import HeteroSupport

/// The body of `hetero-plan benchmark residency`: every bundled model on every shipped platform
/// planned by `optimize` with each residency policy — every activation in DRAM (planning before
/// residency existed), Belady's next-use eviction, and the optimizing residency stage — with the
/// makespan, the bytes streamed from DRAM, the evictions, and the simulation of the optimizing
/// plan with contention on and off (each planned with that setting).
public struct ResidencyBenchmark {
    public var models: String
    public var platforms: String
    public var output: String

    public init(models: String = "Models", platforms: String = "Platforms", output: String = "Results") {
        self.models = models
        self.platforms = platforms
        self.output = output
    }

    struct Row: Encodable {
        let platform: String
        let model: String
        let makespanUS: [String: Double]
        let streamedMB: [String: Double]
        let evicted: [String: Int]
        /// Simulated / predicted - 1 of the optimizing plan, contention on and off.
        let simulationOn: Double
        let simulationOff: Double
        let seconds: Double
        /// Whether the optimize plan's evictions are the GLPK window's (`ResidencyPlanner.evictByWindows`).
        let windowed: Bool
        /// The optimize plan's evictions: could recomputing them pay off (`RecomputeBound`)?
        let recompute: [RecomputeBound]
        /// Activations the optimize plan recomputes instead of evicting (`PlanProblem.recomputes`),
        /// with contention on and off.
        let recomputed: Int
        let recomputedOff: Int
        /// The optimize plan's makespan planned with recomputation off (the same plan when none was chosen).
        let withoutRecomputeUS: Double

        enum CodingKeys: String, CodingKey {
            case platform, model, evicted, seconds, windowed, recompute, recomputed
            case recomputedOff = "recomputed_contention_off"
            case withoutRecomputeUS = "without_recompute_us"
            case makespanUS = "makespan_us"
            case streamedMB = "streamed_mb"
            case simulationOn = "simulation_contention_on"
            case simulationOff = "simulation_contention_off"
        }
    }

    static let policies: [ResidencyPolicy] = [.dram, .nextUse, .optimize]

    public func run() throws {
        let modelFiles = try BenchmarkInputs.modelFiles(in: models)
        let platformFiles = try BenchmarkInputs.platformFiles(in: platforms)
        var rows: [Row] = []
        for platformFile in platformFiles {
            let platform = try Platform.load(path: "\(platforms)/\(platformFile)")
            for modelFile in modelFiles {
                let graph = try ModelLoader.load(path: "\(models)/\(modelFile)")
                var makespans: [String: Double] = [:]
                var streamed: [String: Double] = [:]
                var evicted: [String: Int] = [:]
                var simulationOn = 0.0
                var seconds = 0.0
                var windowed = false
                var recompute: [RecomputeBound] = []
                var recomputed = 0
                var withoutRecompute = 0.0
                for policy in Self.policies {
                    var options = PlanOptions()
                    options.residency = policy
                    let outcome = try PlanPipeline.run(graph: graph, platform: platform, strategy: OptimizeStrategy(), options: options)
                    let assignment = outcome.result.schedule.assignment
                    makespans[policy.rawValue] = outcome.document.summary.makespanUS
                    // DRAM traffic: what the operators stream, and the weights prefetched out of DRAM.
                    let prefetched = outcome.result.schedule.spills.filter { $0.kind == .prefetch }.reduce(0) { $0 + $1.bytes }
                    streamed[policy.rawValue] = (PlanMetrics.streamedBytes(outcome.problem, assignment) + Double(prefetched)) / 1e6
                    evicted[policy.rawValue] = policy == .dram ? 0 : outcome.problem.evictedActivations(assignment).count
                    if policy == .optimize {
                        seconds = outcome.seconds
                        windowed = outcome.document.decisions.contains { $0.kind == .memorySpill && $0.reason.contains(ResidencyPlanner.windowReason) }
                        recompute = Self.recomputeBounds(outcome.problem, assignment)
                        recomputed = outcome.problem.recomputes.count
                        withoutRecompute = outcome.document.summary.makespanUS
                        if recomputed > 0 {
                            options.recompute = false
                            withoutRecompute = try PlanPipeline.run(graph: graph, platform: platform, strategy: OptimizeStrategy(),
                                                                    options: options).document.summary.makespanUS
                        }
                        let run = try Simulator.run(outcome.document, graph: graph, platform: platform, costs: outcome.costs.table)
                        simulationOn = run.result.makespanUS / outcome.document.summary.makespanUS - 1
                    }
                }
                var quiet = platform
                quiet.interconnect.contention = false
                var options = PlanOptions()
                options.residency = .optimize
                let off = try PlanPipeline.run(graph: graph, platform: quiet, strategy: OptimizeStrategy(), options: options)
                let offRun = try Simulator.run(off.document, graph: graph, platform: quiet, costs: off.costs.table)
                let row = Row(platform: platform.name, model: graph.name, makespanUS: makespans, streamedMB: streamed, evicted: evicted,
                              simulationOn: simulationOn, simulationOff: offRun.result.makespanUS / off.document.summary.makespanUS - 1,
                              seconds: seconds, windowed: windowed, recompute: recompute, recomputed: recomputed,
                              recomputedOff: off.problem.recomputes.count, withoutRecomputeUS: withoutRecompute)
                rows.append(row)
                print(String(format: "%-18@ %-12@ dram %10.1f  next-use %10.1f  optimize %10.1f us  evicted %d  recomputed %d (%.1f us without)  sim on %+.2f%% off %+.4f%%",
                             platform.name as NSString, graph.name as NSString, makespans["dram"]!, makespans["next-use"]!,
                             makespans["optimize"]!, evicted["optimize"]!, recomputed, withoutRecompute, 100 * row.simulationOn, 100 * row.simulationOff))
            }
        }
        try write(rows)
    }

    private func write(_ rows: [Row]) throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try TextFile.writeAtomically(try JSONOutput.encode(rows) + "\n", to: "\(output)/residency-benchmark.json")
        var lines = [
            "# Residency: activations in on-chip memories against two baselines",
            "",
            "`hetero-plan benchmark residency` (release build). Every bundled model on every shipped platform, planned by",
            "`optimize` (default settings, latency, contention on) with each residency policy: `dram` keeps every activation",
            "in DRAM and the search sees DRAM costs (planning as it was before residency); `next-use` keeps activations in",
            "their units' resident memory (CMX, VTCM, SRAM) and, when it overflows, evicts the one whose next read is",
            "furthest (Belady); `optimize` evicts the candidate whose eviction costs the makespan least and re-admits what fits",
            "again, then chooses the victims again by windows (a MILP over the overflowing instants solved by GLPK) and keeps",
            "that when it scores better (\"window\": it did). Streamed MB: bytes the operators read and write in DRAM (weights, streamed or prefetched into the resident memory, and non-resident activations).",
            "\"vs dram\" and \"vs next-use\" are optimize's improvements (negative: worse). \"sim on\" is the simulated makespan of",
            "the optimize plan over its prediction - 1 with contention on; \"sim off\" the same for a plan made and simulated",
            "with contention off. \"recompute pays\": of optimize's evicted activations, how many could be recomputed on a reader's",
            "unit for less than their eviction costs, bounded in recomputation's favour (saving: all the eviction adds to its producer's",
            "and readers' durations; cost: one run of the producer at its fastest on a reader's unit), counted over the evictions that remain.",
            "\"recomputed\": activations optimize recomputes before their last reader instead of evicting them (`--recompute`, on by",
            "default), with contention on / off; \"saved us\": optimize's makespan planned with `--recompute off` minus with it on.",
            "",
            "| platform | model | dram us | next-use us | optimize us | vs dram | vs next-use | DRAM MB (dram / optimize) | evicted (next-use / optimize) | window | recompute pays | recomputed (on / off) | saved us | sim on | sim off | optimize s |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        func gain(_ row: Row, _ baseline: String) -> Double {
            100 * (row.makespanUS[baseline]! - row.makespanUS["optimize"]!) / row.makespanUS[baseline]!
        }
        for row in rows {
            lines.append("| \(row.platform) | \(row.model) | " + String(
                format: "%.1f | %.1f | %.1f | %.1f%% | %.1f%% | %.1f / %.1f | %d / %d | %@ | %d / %d | %d / %d | %.1f | %+.2f%% | %+.4f%% | %.2f |",
                row.makespanUS["dram"]!, row.makespanUS["next-use"]!, row.makespanUS["optimize"]!, gain(row, "dram"), gain(row, "next-use"),
                row.streamedMB["dram"]!, row.streamedMB["optimize"]!, row.evicted["next-use"]!, row.evicted["optimize"]!,
                (row.windowed ? "yes" : "no") as NSString, row.recompute.filter { $0.pays }.count, row.recompute.count,
                row.recomputed, row.recomputedOff, row.withoutRecomputeUS - row.makespanUS["optimize"]!,
                100 * row.simulationOn, 100 * row.simulationOff, row.seconds))
        }
        let worseThanDRAM = rows.filter { $0.makespanUS["optimize"]! > $0.makespanUS["dram"]! * (1 + 1e-9) }
        let worseThanNextUse = rows.filter { $0.makespanUS["optimize"]! > $0.makespanUS["next-use"]! * (1 + 1e-9) }
        let withEvictions = rows.filter { $0.evicted["optimize"]! > 0 }
        lines.append("")
        lines.append("Optimize worse than all-DRAM: \(worseThanDRAM.count) of \(rows.count)"
                     + (worseThanDRAM.isEmpty ? "." : " (" + worseThanDRAM.map { "\($0.model) on \($0.platform)" }.joined(separator: ", ") + ")."))
        lines.append("Optimize worse than next-use: \(worseThanNextUse.count) of \(rows.count)"
                     + (worseThanNextUse.isEmpty ? "." : " (" + worseThanNextUse.map { "\($0.model) on \($0.platform)" }.joined(separator: ", ") + ")."))
        lines.append("Plans with evictions (memory spill of activations to DRAM): \(withEvictions.count) of \(rows.count).")
        let bounds = rows.flatMap(\.recompute)
        lines.append("Plans whose evictions the GLPK window chose: \(rows.filter(\.windowed).count) of \(withEvictions.count) with evictions.")
        let closest = bounds.filter { $0.recomputeUS != nil }.max { $0.savingUS / $0.recomputeUS! < $1.savingUS / $1.recomputeUS! }
        lines.append("Evicted activations whose recomputation could pay off (bound): \(bounds.filter { $0.pays }.count) of \(bounds.count)"
                     + (closest.map { String(format: "; the closest, %@ (%@), saves at most %.3f us against %.3f us to recompute.",
                                             $0.tensor as NSString, $0.producer as NSString, $0.savingUS, $0.recomputeUS!) } ?? "."))
        let recomputing = rows.filter { $0.recomputed > 0 }
        lines.append("Recomputations chosen: \(rows.map(\.recomputed).reduce(0, +)) in \(recomputing.count) of \(rows.count) plans (contention on), "
                     + "\(rows.map(\.recomputedOff).reduce(0, +)) with contention off"
                     + (recomputing.isEmpty ? "." : String(format: "; makespan saved %.1f us in all (%@).",
                                                            recomputing.map { $0.withoutRecomputeUS - $0.makespanUS["optimize"]! }.reduce(0, +),
                                                            recomputing.map { String(format: "%@ on %@ %.1f us", $0.model, $0.platform, $0.withoutRecomputeUS - $0.makespanUS["optimize"]!) }.joined(separator: ", ") as NSString)))
        let worstOn = rows.map { abs($0.simulationOn) }.max() ?? 0
        let worstOff = rows.map { abs($0.simulationOff) }.max() ?? 0
        lines.append(String(format: "Worst simulation difference: %.2f%% with contention on, %.6f%% with contention off.", 100 * worstOn, 100 * worstOff))
        try TextFile.writeAtomically(lines.joined(separator: "\n") + "\n", to: "\(output)/residency-benchmark.md")
    }
}
