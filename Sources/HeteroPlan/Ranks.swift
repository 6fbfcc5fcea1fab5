/// Priority ranks of the classic list schedulers.
public enum Ranks {
    /// HEFT's upward rank (Topcuoglu et al. 2002): mean execution time over capable units plus the
    /// largest mean communication + rank over successors. Processing operators by decreasing
    /// upward rank is a topological order when execution times are positive.
    public static func upward(_ problem: PlanProblem) -> [Double] {
        var rank = [Double](repeating: 0, count: problem.operatorCount)
        for op in (0..<problem.operatorCount).reversed() {
            var tail = 0.0
            for edge in problem.outgoing[op] {
                tail = max(tail, problem.meanCommunication(edge) + rank[edge.consumer])
            }
            rank[op] = problem.meanExec(op) + tail
        }
        return rank
    }

    /// PEFT's optimistic cost table (Arabnejad & Barbosa 2014):
    /// OCT(i, p) = max over successors j of min over units w that can run j of
    /// [OCT(j, w) + w(j, w) + (mean communication of i→j if w != p)].
    ///
    /// For each successor edge the minimum over target units is taken once per operator, not once
    /// per (operator, unit): with A(w) = OCT(j, w) + w(j, w), the term for unit p is
    /// min(A(p), min over w != p of A(w) + mean), read off the smallest and second-smallest
    /// A(w) + mean. The values are the ones the per-unit loop computes, bit for bit (each term is
    /// formed the same way and `min` is exact).
    ///
    /// - Complexity: O(E × U) plus the mean communication of each edge.
    public static func optimisticCostTable(_ problem: PlanProblem) -> [[Double]] {
        let units = problem.unitCount
        var table = [[Double]](repeating: [Double](repeating: 0, count: units), count: problem.operatorCount)
        var own = [Double](repeating: .infinity, count: units)
        for op in (0..<problem.operatorCount).reversed() {
            var worst = [Double](repeating: 0, count: units)
            for edge in problem.outgoing[op] {
                let mean = problem.meanCommunication(edge)
                // Smallest and second-smallest A(w) + mean, with the unit of the smallest.
                var first = Double.infinity, second = Double.infinity, firstUnit = -1
                for target in 0..<units {
                    guard let time = problem.exec(edge.consumer, target) else { own[target] = .infinity; continue }
                    own[target] = table[edge.consumer][target] + time + 0
                    let away = table[edge.consumer][target] + time + mean
                    if away < first || (away == first && firstUnit < 0) {
                        second = first
                        first = away
                        firstUnit = target
                    } else if away < second {
                        second = away
                    }
                }
                for unit in 0..<units {
                    let elsewhere = unit == firstUnit ? second : first
                    worst[unit] = max(worst[unit], min(own[unit], elsewhere))
                }
            }
            table[op] = worst
        }
        return table
    }

    /// Operators sorted by decreasing key, ties by index: a deterministic priority order.
    public static func order(byDecreasing key: [Double]) -> [Int] {
        key.indices.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
    }
}
