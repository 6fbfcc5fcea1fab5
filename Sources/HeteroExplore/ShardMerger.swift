import HeteroSupport

/// Combines the results of shards run separately (other processes or machines) into one set, and
/// says what is wrong with the combination: points no shard produced, points produced more than
/// once (identical results are harmless, different ones are conflicts) and records that belong to
/// no point of the spec.
public struct ShardMerger {
    public struct Outcome: Sendable {
        /// One record per point, in the spec's order.
        public var records: [PointRecord]
        public var missing: [SweepPoint]
        /// Ids found in more than one input (or twice in one) with the same result.
        public var duplicated: [String]
        /// Ids found more than once with different results (the first input's record is kept).
        public var conflicting: [String]
        /// Ids that are not points of this spec.
        public var foreign: [String]

        public var isComplete: Bool { missing.isEmpty && conflicting.isEmpty }

        /// Lines for the user and the report.
        public var findings: [String] {
            var lines = ["Merged \(records.count) points."]
            if !missing.isEmpty {
                lines.append("\(missing.count) missing: " + missing.prefix(10).map { "\($0.id) (index \($0.index))" }.joined(separator: ", ")
                             + (missing.count > 10 ? ", ..." : ""))
            }
            if !duplicated.isEmpty { lines.append("\(duplicated.count) duplicated with identical results (kept once): \(duplicated.prefix(10).joined(separator: ", "))") }
            if !conflicting.isEmpty { lines.append("\(conflicting.count) duplicated with DIFFERENT results (first kept): \(conflicting.prefix(10).joined(separator: ", "))") }
            if !foreign.isEmpty { lines.append("\(foreign.count) records belong to no point of this spec (ignored): \(foreign.prefix(10).joined(separator: ", "))") }
            return lines
        }
    }

    public let spec: SweepSpec

    public init(spec: SweepSpec) {
        self.spec = spec
    }

    /// Merges the records of each input (one array per results file, in order).
    /// A failed record is replaced by a successful one for the same point (a retried shard).
    public func merge(_ inputs: [[PointRecord]]) -> Outcome {
        let points = spec.points()
        let known = Set(points.map(\.id))
        var chosen: [String: PointRecord] = [:]
        var seen: [String: Int] = [:]
        var duplicated = Set<String>()
        var conflicting = Set<String>()
        var foreign = Set<String>()
        for input in inputs {
            for record in input {
                guard known.contains(record.id) else {
                    foreign.insert(record.id)
                    continue
                }
                seen[record.id, default: 0] += 1
                guard let previous = chosen[record.id] else {
                    chosen[record.id] = record
                    continue
                }
                if previous.status == .failed, record.status == .ok {
                    chosen[record.id] = record
                } else if previous.withoutTimings == record.withoutTimings {
                    duplicated.insert(record.id)
                } else if previous.status == record.status {
                    conflicting.insert(record.id)
                }
            }
        }
        return Outcome(records: points.compactMap { chosen[$0.id] }, missing: points.filter { chosen[$0.id] == nil },
                       duplicated: duplicated.sorted(), conflicting: conflicting.sorted(), foreign: foreign.sorted())
    }
}
