import ArgumentParser
import Foundation
import HeteroExplore
import HeteroSupport

/// `hetero-plan merge`: combine the shards of a sweep and report missing or duplicated points.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine sharded sweep results into one results.jsonl, CSV and report.",
        discussion: """
            Reads <output>/shards/*/results.jsonl (or the files given), keeps one record per point and \
            writes <output>/results.jsonl, results.csv, report.md and plots/. Exit status 0 when every \
            point is present exactly once (identical duplicates are tolerated), 1 when points are \
            missing or duplicated with different results (the files are still written, except when no shard \
            results exist at all: then the missing points are listed and nothing is written), 2 for bad input.
            """
    )

    @Argument(help: "The sweep spec the shards ran.")
    var spec: String

    @Argument(help: "Shard results files (default: <output>/shards/*/results.jsonl).")
    var inputs: [String] = []

    @Option(name: [.customShort("o"), .long], help: "Results directory (default: Results/<sweep name>).")
    var output: String?

    func run() throws {
        let sweep = try SweepSpec.load(path: spec, strategies: StrategyName.allCases.map(\.rawValue))
        let directory = ResultsDirectory(path: output ?? "Results/\(sweep.name)")
        let files = inputs.isEmpty ? directory.shardResults() : inputs
        guard !files.isEmpty else {
            // Nothing ran (or OUT is wrong): say which points are missing, and write nothing, so an
            // earlier merge's results stay.
            for line in ShardMerger(spec: sweep).merge([]).findings { StandardOutput.line(line) }
            StandardError.write("\(directory.path): no shard results to merge (expected shards/<K>-of-<N>/results.jsonl or files given as arguments); nothing written\n")
            throw ExitCode(1)
        }
        var loaded: [[PointRecord]] = []
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else {
                throw InputError.unreadable(file: file, reason: "no such file")
            }
            loaded.append(try ResultsLog.load(file).records)
        }
        let outcome = ShardMerger(spec: sweep).merge(loaded)
        try directory.create()
        let lines = try outcome.records.map { try $0.jsonLine() + "\n" }.joined()
        try TextFile.writeAtomically(lines, to: directory.resultsJSONL)
        try TextFile.writeAtomically(sweep.fingerprint + "\n", to: directory.fingerprint)
        let exploration = Exploration(spec: sweep, directory: directory, strategies: StrategyName.catalogue)
        try exploration.writeSummaries(records: outcome.records, notes: ["Merged from \(files.count) shard files."] + outcome.findings)
        for line in outcome.findings { StandardOutput.line(line) }
        StandardOutput.line("results: \(directory.resultsJSONL)\nreport: \(directory.report)")
        if !outcome.isComplete { throw ExitCode(1) }
    }
}
