import GLPKSolver

/// The rows the exact and window scheduling MILPs share.
extension MILPModel {
    /// Communication on edge i→j when both ends choose their unit: for every pair of units
    /// a != b with a transfer, base + c(a,b)·(1 - x(i,a) - x(j,b)) >= 0, where `base` is
    /// s_j - s_i - d_i. Exact without a big-M: the extra term is c when both hold and <= 0 otherwise.
    /// `producer[a]`/`consumer[b]` are the x columns (nil: the unit cannot run the operator).
    mutating func addCommunicationRows(_ problem: PlanProblem, _ edge: PlanProblem.Edge, base: [(Int, Double)],
                                       producer: [Int?], consumer: [Int?]) {
        let (i, j) = (edge.producer, edge.consumer)
        for a in 0..<problem.unitCount {
            guard let xa = producer[a] else { continue }
            for b in 0..<problem.unitCount where b != a {
                guard let xb = consumer[b] else { continue }
                let cost = problem.communication(edge, from: a, to: b)
                guard cost > 0 else { continue }
                addRow("comm_\(i)_\(j)_\(a)_\(b)", base + [(xa, -cost), (xb, -cost)], lower: -cost)
            }
        }
    }

    /// Non-overlap of operators i and j when both run on unit u, with ordering binary o (1: i
    /// first): s_j >= s_i + p_i - M_before·(3 - o - x_i - x_j) and
    /// s_i >= s_j + p_j - M_after·(2 + o - x_i - x_j). Each M must cover the largest start
    /// difference the model allows.
    mutating func addNonOverlapRows(_ i: Int, _ j: Int, unit u: Int, starts: (Int, Int), order o: Int, assigned: (Int, Int),
                                    durations: (Double, Double), bigM: (before: Double, after: Double)) {
        let (si, sj) = starts
        let (xi, xj) = assigned
        let (before, after) = bigM
        addRow("before_\(i)_\(j)_\(u)", [(sj, 1), (si, -1), (o, -before), (xi, -before), (xj, -before)], lower: durations.0 - 3 * before)
        addRow("after_\(i)_\(j)_\(u)", [(si, 1), (sj, -1), (o, after), (xi, -after), (xj, -after)], lower: durations.1 - 2 * after)
    }
}
