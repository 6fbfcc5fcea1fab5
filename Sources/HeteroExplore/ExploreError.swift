import HeteroSupport

/// Problems with a sweep's output that the user can fix.
public enum ExploreError: BadInput, Equatable {
    case cannotCreate(path: String, reason: String)
    /// A results line (not the last) is not a valid record.
    case corruptRecord(file: String, line: Int, reason: String)
    /// The directory holds results of a different spec (or base platform, or models).
    case differentSpec(directory: String, expected: String, found: String)
    /// `merge` found no shard outputs.
    case nothingToMerge(directory: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            return "\(path): cannot create the results directory: \(reason)"
        case .corruptRecord(let file, let line, let reason):
            return "\(file):\(line): not a valid result record (\(reason)); only a torn last line is repaired automatically"
        case .differentSpec(let directory, let expected, let found):
            return "\(directory): holds results of a different sweep (fingerprint \(found), this spec is \(expected)); "
                + "the spec, base platform or a model changed: use another --output or delete the directory"
        case .nothingToMerge(let directory):
            return "\(directory): no shard results to merge (expected shards/<K>-of-<N>/results.jsonl or files given as arguments)"
        }
    }
}
