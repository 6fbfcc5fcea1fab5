/// The Pareto front of a set of results: the points no other point beats on every metric at once
/// (all metrics minimised). A point dominates another when it is no worse on every metric and
/// strictly better on at least one; points with equal metric vectors do not dominate each other.
public enum ParetoFront {
    /// Ids of the non-dominated records among the successful ones that have every metric.
    /// - Complexity: O(n² m) for n records and m metrics (a sweep has thousands of points at most).
    public static func front(_ records: [PointRecord], metrics: [String]) -> [PointRecord] {
        let candidates = records.filter { record in
            record.status == .ok && metrics.allSatisfy { record.metrics[$0] != nil }
        }
        let vectors = candidates.map { record in metrics.map { record.metrics[$0]! } }
        return candidates.indices.filter { i in
            !vectors.indices.contains { j in j != i && dominates(vectors[j], vectors[i]) }
        }.map { candidates[$0] }
    }

    static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var strictlyBetter = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { strictlyBetter = true }
        }
        return strictlyBetter
    }
}
