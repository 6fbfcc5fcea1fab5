import ArgumentParser
import Foundation
import HeteroExplore
import HeteroPlan
import HeteroSupport

/// `hetero-plan explore`: run a design-space-exploration sweep (resumable, parallel, shardable).
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run a design-space-exploration sweep: plan every point, keep results, report Pareto fronts.",
        discussion: """
            The spec (hetero-plan/sweep@1) names a base platform, axes that set its fields by JSON pointer \
            or copy a unit, models, strategies and questions; see deploy/README.md. Results go to \
            <output>/results.jsonl (one record per point, appended and fsynced as each finishes), \
            results.csv, report.md and plots/. Running the command again resumes: points already \
            recorded are skipped and a torn last line is repaired. With --shard K/N only points whose \
            index is K modulo N run, into <output>/shards/K-of-N/ (also for 0/1); combine shards with `hetero-plan merge`.
            """
    )

    enum ProgressOption: String, ExpressibleByArgument, CaseIterable {
        case auto, bar, lines, none
    }

    @Argument(help: "The sweep spec (JSON).")
    var spec: String

    @Option(name: [.customShort("o"), .long], help: "Results directory (default: Results/<sweep name>).")
    var output: String?

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only shard K of N (0 <= K < N): points whose index is K modulo N.", valueName: "K/N"))
    var shard: String?

    @Option(help: "Progress display: auto (a bar on a terminal, lines otherwise), bar, lines or none.")
    var progress: ProgressOption = .auto

    @Flag(name: .customLong("retry-failed"), help: "Run again the points whose record says they failed.")
    var retryFailed = false

    @Flag(name: .customLong("report-only"), help: "Only regenerate results.csv, report.md and plots from the results.")
    var reportOnly = false

    @Flag(name: .customLong("dry-run"), help: "Validate the spec and list the points without running them.")
    var dryRun = false

    @Flag(name: .customLong("adopt-results"), help: "Resume with the results in the output directory although it has no sweep-fingerprint (they are taken to be this spec's).")
    var adoptResults = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be K/N with 0 <= K < N, found \"\(shard)\"")
        }
    }

    func run() throws {
        let sweep = try SweepSpec.load(path: spec, strategies: StrategyName.allCases.map(\.rawValue))
        let slice = shard.flatMap(Shard.init(parsing:)) ?? .whole
        let root = ResultsDirectory(path: output ?? "Results/\(sweep.name)")
        // An explicit --shard, even 0/1, writes into shards/K-of-N/ so that `merge` finds it and
        // never overwrites a merged results.jsonl.
        let directory = shard != nil ? root.shard(slice) : root
        let exploration = Exploration(spec: sweep, directory: directory, strategies: StrategyName.catalogue)

        if dryRun {
            // One point at a time: the count is arithmetic, the listing streams.
            sweep.forEachPoint { point in
                if slice.contains(point) { StandardOutput.line("\(point.index)\t\(point.id)\t\(point.label)") }
            }
            StandardOutput.line("\(slice.pointCount(of: sweep.pointCount)) points (shard \(slice)) of \(sweep.pointCount); spec is valid")
            return
        }
        if reportOnly {
            try exploration.checkFingerprint(adoptingResults: adoptResults)
            let records = Array(ResultsLog.latest(try ResultsLog.load(directory.resultsJSONL).records).values)
            try exploration.writeSummaries(records: records)
            StandardOutput.line("wrote \(directory.report)")
            return
        }

        let style: ProgressReporter.Style
        switch progress {
        case .auto: style = Terminal.standardErrorIsTerminal ? .bar : .lines
        case .bar: style = .bar
        case .lines: style = .lines
        case .none: style = .none
        }
        let outcome = try exploration.run(shard: slice, workers: jobs, retryFailed: retryFailed, adoptingResults: adoptResults) { ProgressReporter(style: style, total: $0) }
        if outcome.repairedBytes > 0 {
            StandardError.write("note: cut off a torn last line (\(outcome.repairedBytes) bytes) of \(directory.resultsJSONL)\n")
        }
        if shard == nil {
            try exploration.writeSummaries(records: outcome.records)
        }
        let run = outcome.run
        StandardOutput.line("""
            \(sweep.name)\(shard != nil ? " shard \(slice)" : ""): \(outcome.points) points, \(outcome.alreadyDone) already done, \
            \(run.evaluated) evaluated (\(run.failed) failed) in \(String(format: "%.1f", run.seconds)) s = \
            \(String(format: "%.1f", run.pointsPerMinute)) points/min with \(run.workers) workers
            results: \(directory.resultsJSONL)\(shard == nil ? "\nreport: \(directory.report)" : "")
            """)
    }
}

extension StrategyName {
    /// Every strategy by its `--strategy` name, for sweeps.
    static var catalogue: [String: any PlanningStrategy] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.strategy) })
    }
}
