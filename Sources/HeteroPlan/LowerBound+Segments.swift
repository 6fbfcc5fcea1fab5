import GLPKSolver

extension LowerBound {
    /// Graphs with more operators get no segmented bound: finding the cut operators keeps an
    /// ancestor set per operator (operators² / 8 bytes: 2 MB at this size).
    public static let segmentedMaximumOperators = 4_096

    /// The graph cut at its *cut operators*: operators every other operator is an ancestor or a
    /// descendant of (a residual block's Add, an Inception module's Concat, a transition layer).
    /// The pieces, in order: the first cut and its ancestors; after each cut, its descendants
    /// that are ancestors of the next cut, with that cut; after the last cut, its descendants.
    /// Each piece is ascending; a graph without a cut operator is one piece.
    ///
    /// - Complexity: O((operators + edges) · operators / 64) time, O(operators² / 64) words.
    static func segments(_ problem: PlanProblem) -> [[Int]] {
        let n = problem.operatorCount
        guard n > 0 else { return [] }
        let words = (n + 63) / 64
        var ancestors = [UInt64](repeating: 0, count: n * words)
        var descendants = [UInt64](repeating: 0, count: n * words)
        for op in 0..<n {
            for edge in problem.incoming[op] {
                let p = edge.producer
                for w in 0..<words { ancestors[op * words + w] |= ancestors[p * words + w] }
                ancestors[op * words + p / 64] |= 1 << UInt64(p % 64)
            }
        }
        for op in (0..<n).reversed() {
            for edge in problem.outgoing[op] {
                let c = edge.consumer
                for w in 0..<words { descendants[op * words + w] |= descendants[c * words + w] }
                descendants[op * words + c / 64] |= 1 << UInt64(c % 64)
            }
        }
        var pieces: [[Int]] = [[]]
        for op in 0..<n {
            // Operators are in a topological order: every cut before `op` is its ancestor, so the
            // cuts seen so far count the piece it belongs to.
            pieces[pieces.count - 1].append(op)
            var related = 0
            for w in 0..<words { related += (ancestors[op * words + w] | descendants[op * words + w]).nonzeroBitCount }
            if related == n - 1 && op < n - 1 { pieces.append([]) }
        }
        return pieces.filter { !$0.isEmpty }
    }

    /// The sum over `segments` of each piece's best bound — its critical path with communication
    /// (`communicatingPath`), its unit load and, for pieces within the budget's sizes, its LP
    /// relaxation (`RelaxationFormulation` on the piece) — raised where the units of the cuts
    /// decide more (`Funnel`), or nil when the graph has no cut operator or is over
    /// `segmentedMaximumOperators`. Valid because in every schedule a piece's operators run
    /// after the cut before it finishes and finish before the cut that ends it does: the pieces
    /// occupy disjoint stretches of time, each at least its own bound. It exceeds the whole
    /// graph's LP where the pieces are bound by different things (a piece limited by its critical
    /// path, the next by one unit's load: the whole LP takes only the larger of the two totals),
    /// and covers graphs too large for the whole LP with small LPs.
    ///
    /// Every piece but the last ends with a cut, so its operators form a funnel (`Funnel`), and
    /// what bounds it depends on the units v and w of the cuts before and after it: with v = w,
    /// running serially on w or, not all on w, the larger of a crossing, the detours of the
    /// operators off w and the serial time of those left on w (`Funnel.serialOrDetour`); with
    /// v ≠ w, the larger of its longest chain plus a hand-off (apart) and the lesser of running serially on w after the entry hand-off v → w and a crossing (the first piece:
    /// serially on w or a crossing). The sum over the pieces of
    /// the larger of that and the piece's own bound, least over the units of the cuts (a
    /// shortest path over pieces × units), bounds every schedule: each schedule gives its cuts
    /// units, and each of its pieces is then in one of the cases counted. A piece that is not a
    /// funnel (the last, when it has several sinks) adds its own bound whatever the units.
    public static func segmented(_ problem: PlanProblem, budget: RelaxationBudget = RelaxationBudget()) -> Double? {
        guard problem.operatorCount <= segmentedMaximumOperators else { return nil }
        let pieces = segments(problem)
        guard pieces.count > 1 else { return nil }
        let units = problem.unitCount
        let durations = problem.boundDurations
        // reach[w]: a bound on when the last piece's cut finishes if it runs on w.
        var reach = [Double](repeating: 0, count: units)
        for (index, piece) in pieces.enumerated() {
            let cut = index == 0 ? nil : pieces[index - 1].last
            let funnel = Funnel(problem, operators: piece, fromStart: index == 0, after: cut)
            let path = funnel?.path ?? communicatingPath(problem, operators: piece) ?? criticalPath(problem, operators: piece)
            var own = max(path, unitLoad(problem, operators: piece))
            if piece.count > 1, let relaxed = relaxation(problem, operators: piece, budget: budget) { own = max(own, relaxed) }
            guard let funnel else {
                let least = reach.min() ?? 0
                reach = [Double](repeating: least + own, count: units)
                continue
            }
            var next = [Double](repeating: .infinity, count: units)
            for w in 0..<units where durations[piece.last!, w] != nil {
                if cut == nil {
                    next[w] = max(own, min(funnel.serial[w], funnel.crossing))
                    continue
                }
                for v in 0..<units where reach[v].isFinite {
                    let value = max(funnel.apart[v * units + w], funnel.serialOrDetour[v * units + w])
                    next[w] = min(next[w], reach[v] + max(own, value))
                }
            }
            reach = next
        }
        let total = reach.min() ?? 0
        return total.isFinite ? total : nil
    }
}
