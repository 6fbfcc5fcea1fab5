import Foundation
import HeteroSupport

/// The files of one sweep's output directory (`Results/<sweep-name>/` by default):
/// `results.jsonl` (one record per point, appended durably), `results.csv` (a summary sorted by
/// point order), `report.md`, `plots/*.svg`, `sweep-fingerprint`, `runs.jsonl` (throughput of each run) and, for sharded runs,
/// `shards/<K>-of-<N>/`.
public struct ResultsDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var resultsJSONL: String { file("results.jsonl") }
    public var resultsCSV: String { file("results.csv") }
    public var report: String { file("report.md") }
    public var plots: String { file("plots") }
    public var fingerprint: String { file("sweep-fingerprint") }
    /// One line per invocation that evaluated points: its throughput (`SweepRunner.Summary`).
    public var runs: String { file("runs.jsonl") }

    public func shard(_ shard: Shard) -> ResultsDirectory {
        ResultsDirectory(path: file("shards/\(shard.directoryName)"))
    }

    /// Results files of every shard directory present, sorted by name.
    public func shardResults() -> [String] {
        let shards = file("shards")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shards)) ?? []
        return names.sorted().map { "\(shards)/\($0)/results.jsonl" }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    public func file(_ name: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(name).path
    }

    public func create() throws(ExploreError) {
        try Self.create(path)
    }

    /// Creates `path` and its parents; the error names the component in the way.
    static func create(_ path: String) throws(ExploreError) {
        do {
            try OutputPath.createDirectories(path)
        } catch {
            guard case .unwritable(_, let reason) = error else { throw .cannotCreate(path: path, reason: error.description) }
            throw .cannotCreate(path: path, reason: reason)
        }
    }
}
