import HeteroSupport

/// Reading `results.jsonl` back: the records already done, after repairing a torn last line.
public enum ResultsLog {
    public struct Loaded: Sendable {
        public var records: [PointRecord]
        /// Bytes of a torn last line that were cut off.
        public var repairedBytes: Int
    }

    /// Reads every record; a torn last line is cut off the file.
    ///
    /// A point may appear more than once: after a failed record (`--retry-failed` appends the new
    /// result) or with an identical result. Any other repeat means two runs disagreed about one
    /// point, and which one is right is the user's call.
    ///
    /// - Throws: `InputError` when the file cannot be read or repaired, `ExploreError.corruptRecord`
    ///   when a complete line is not a record (that is not crash damage, so it is not repaired),
    ///   `ExploreError.conflictingRecord` for a repeat with a different result.
    public static func load(_ path: String) throws -> Loaded {
        let contents = try JSONLinesFile.readRepairing(path)
        var records: [PointRecord] = []
        var latest: [String: (record: PointRecord, line: Int)] = [:]
        for (number, line) in contents.lines.enumerated() {
            let record: PointRecord
            do {
                record = try PointRecord.decode(line: line)
            } catch {
                throw ExploreError.corruptRecord(file: path, line: number + 1, reason: String("\(error)".prefix(120)))
            }
            if let earlier = latest[record.id], earlier.record.status == .ok, earlier.record.withoutTimings != record.withoutTimings {
                throw ExploreError.conflictingRecord(file: path, line: number + 1, earlierLine: earlier.line, id: record.id)
            }
            latest[record.id] = (record, number + 1)
            records.append(record)
        }
        return Loaded(records: records, repairedBytes: contents.repairedBytes)
    }

    /// Records keyed by id, the last occurrence winning (a `--retry-failed` run appends new results).
    public static func latest(_ records: [PointRecord]) -> [String: PointRecord] {
        var result: [String: PointRecord] = [:]
        for record in records { result[record.id] = record }
        return result
    }
}
