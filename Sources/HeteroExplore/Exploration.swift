import Foundation
import HeteroPlan
import HeteroSupport

/// One sweep against one results directory: what is already done, running what is left (resuming
/// after a crash), and writing the CSV, report and plots.
public struct Exploration {
    public let spec: SweepSpec
    public let directory: ResultsDirectory
    public let strategies: [String: any PlanningStrategy]

    public init(spec: SweepSpec, directory: ResultsDirectory, strategies: [String: any PlanningStrategy]) {
        self.spec = spec
        self.directory = directory
        self.strategies = strategies
    }

    /// What a run found and did.
    public struct Outcome {
        public var points: Int
        public var alreadyDone: Int
        public var repairedBytes: Int
        public var run: SweepRunner.Summary
        public var records: [PointRecord]
    }

    /// Runs the points of `shard` that have no record yet (or only a failed one, with
    /// `retryFailed`), appending to `results.jsonl`.
    ///
    /// - Parameter adoptingResults: resume with results in a directory that has no
    ///   `sweep-fingerprint` (they are taken to be this spec's; the fingerprint is then written).
    /// - Throws: `ExploreError` when the directory holds another sweep's results, results without
    ///   a fingerprint (unless `adoptingResults`), a corrupt or conflicting record; `InputError`
    ///   when a file cannot be written.
    public func run(shard: Shard, workers: Int, retryFailed: Bool, adoptingResults: Bool = false,
                    progress: (Int) -> ProgressReporter) throws -> Outcome {
        try directory.create()
        try checkFingerprint(adoptingResults: adoptingResults)
        if !FileManager.default.fileExists(atPath: directory.fingerprint) {
            try TextFile.writeAtomically(spec.fingerprint + "\n", to: directory.fingerprint)
        }
        let loaded = try ResultsLog.load(directory.resultsJSONL)
        let done = ResultsLog.latest(loaded.records)
        let points = spec.points().filter(shard.contains)
        let remaining = points.filter { point in
            guard let record = done[point.id] else { return true }
            return retryFailed && record.status == .failed
        }
        let log = try JSONLinesFile(appendingTo: directory.resultsJSONL)
        let runner = SweepRunner(evaluator: PointEvaluator(spec: spec, strategies: strategies), log: log, workers: workers,
                                 timeLimitSeconds: spec.pointTimeLimitSeconds)
        let summary = try runner.run(remaining, progress: progress(remaining.count))
        if summary.evaluated > 0 {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try JSONLinesFile(appendingTo: directory.runs).append(String(decoding: try encoder.encode(summary), as: UTF8.self))
        }
        let records = Array(ResultsLog.latest(try ResultsLog.load(directory.resultsJSONL).records).values)
        return Outcome(points: points.count, alreadyDone: points.count - remaining.count, repairedBytes: loaded.repairedBytes,
                       run: summary, records: records)
    }

    /// Writes `results.csv`, `report.md` and `plots/*.svg` from `records` (and `runs.jsonl`).
    public func writeSummaries(records: [PointRecord], notes: [String] = []) throws {
        try directory.create()
        let runs = try JSONLinesFile.readRepairing(directory.runs).lines.compactMap {
            try? JSONDecoder().decode(SweepRunner.Summary.self, from: Data($0.utf8))
        }
        try TextFile.writeAtomically(ResultsCSV.render(spec: spec, records: records), to: directory.resultsCSV)
        let report = SweepReport(spec: spec, records: records, runs: runs, notes: notes)
        try ResultsDirectory.create(directory.plots)
        for plot in report.plots() {
            try TextFile.writeAtomically(plot.svg, to: "\(directory.plots)/\(plot.name)")
        }
        try TextFile.writeAtomically(report.markdown(), to: directory.report)
    }

    /// Results of another sweep must not be mixed in: the first run records the spec's
    /// fingerprint, and results without one are refused unless the user adopts them.
    ///
    /// - Throws: `ExploreError.differentSpec`, `.missingFingerprint`; `InputError` when a file
    ///   cannot be read.
    public func checkFingerprint(adoptingResults: Bool) throws {
        let path = directory.fingerprint
        if FileManager.default.fileExists(atPath: path) {
            let found = String(decoding: try TextFile.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard found == spec.fingerprint else {
                throw ExploreError.differentSpec(directory: directory.path, expected: spec.fingerprint, found: found)
            }
        } else if !adoptingResults, FileManager.default.fileExists(atPath: directory.resultsJSONL) {
            let records = try JSONLinesFile.readRepairing(directory.resultsJSONL).lines.count
            if records > 0 { throw ExploreError.missingFingerprint(directory: directory.path, records: records) }
        }
    }
}
