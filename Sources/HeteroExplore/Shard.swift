/// A deterministic slice of a sweep: shard `index` of `count` takes the points whose enumeration
/// index is `index` modulo `count`, so shards differ in size by at most one point and together
/// cover every point exactly once. Indices are 0-based, matching Slurm's `--array=0-(N-1)` and
/// Kubernetes' `JOB_COMPLETION_INDEX`.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 0 <= K < N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    public func contains(_ point: SweepPoint) -> Bool {
        point.index % count == index
    }

    /// How many of the indices `0..<total` fall in this shard.
    public func pointCount(of total: Int) -> Int {
        total > index ? (total - index - 1) / count + 1 : 0
    }

    /// The directory name of this shard's results: `3-of-8`.
    public var directoryName: String { "\(index)-of-\(count)" }

    public var description: String { "\(index)/\(count)" }
}
