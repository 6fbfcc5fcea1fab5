import HeteroSupport

/// Problems with a sweep's output that the user can fix.
public enum ExploreError: BadInput, Equatable {
    case cannotCreate(path: String, reason: String)
    /// A results line (not the last) is not a valid record.
    case corruptRecord(file: String, line: Int, reason: String)
    /// A point recorded twice with different results (not a retry of a failed point).
    case conflictingRecord(file: String, line: Int, earlierLine: Int, id: String)
    /// The directory holds results but no `sweep-fingerprint`, so nothing shows which sweep they
    /// belong to.
    case missingFingerprint(directory: String, records: Int)
    /// The directory holds results of a different spec (or base platform, or models).
    case differentSpec(directory: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            return "\(path): cannot create the results directory: \(reason)"
        case .corruptRecord(let file, let line, let reason):
            return "\(file):\(line): not a valid result record (\(reason)); only a torn last line is repaired automatically"
        case .conflictingRecord(let file, let line, let earlierLine, let id):
            return "\(file):\(line): point \(id) is already recorded on line \(earlierLine) with a different result; "
                + "delete the line that is wrong (or the directory, to start over)"
        case .missingFingerprint(let directory, let records):
            return "\(directory): holds \(records) result record(s) but no sweep-fingerprint, so nothing shows they come from this spec; "
                + "delete the directory (or use another --output) to start over, or pass --adopt-results to resume with them"
        case .differentSpec(let directory, let expected, let found):
            return "\(directory): holds results of a different sweep (fingerprint \(found), this spec is \(expected)); "
                + "the spec, base platform or a model changed: use another --output or delete the directory"
        }
    }
}
