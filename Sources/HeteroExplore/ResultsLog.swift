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
    /// - Throws: `InputError` when the file cannot be read or repaired, `ExploreError.corruptRecord`
    ///   when a complete line is not a record (that is not crash damage, so it is not repaired).
    public static func load(_ path: String) throws -> Loaded {
        let contents = try JSONLinesFile.readRepairing(path)
        var records: [PointRecord] = []
        for (number, line) in contents.lines.enumerated() {
            do {
                records.append(try PointRecord.decode(line: line))
            } catch {
                throw ExploreError.corruptRecord(file: path, line: number + 1, reason: String("\(error)".prefix(120)))
            }
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
