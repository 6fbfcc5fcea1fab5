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
    public static func optimisticCostTable(_ problem: PlanProblem) -> [[Double]] {
        let units = problem.unitCount
        var table = [[Double]](repeating: [Double](repeating: 0, count: units), count: problem.operatorCount)
        for op in (0..<problem.operatorCount).reversed() {
            for unit in 0..<units {
                var worst = 0.0
                for edge in problem.outgoing[op] {
                    let mean = problem.meanCommunication(edge)
                    var best = Double.infinity
                    for target in 0..<units {
                        guard let time = problem.exec(edge.consumer, target) else { continue }
                        best = min(best, table[edge.consumer][target] + time + (target == unit ? 0 : mean))
                    }
                    worst = max(worst, best)
                }
                table[op][unit] = worst
            }
        }
        return table
    }

    /// Operators sorted by decreasing key, ties by index: a deterministic priority order.
    public static func order(byDecreasing key: [Double]) -> [Int] {
        key.indices.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
    }
}
