extension LowerBound {
    /// The least time data takes over an edge from unit a to unit b ≠ a and the consumer's
    /// submission when b is on another queue: what `communicatingPath` counts on an edge between units.
    struct HandOffs {
        let problem: PlanProblem
        let queue: [Int]
        let submit: [Double]

        init(_ problem: PlanProblem) {
            self.problem = problem
            let costs = problem.costs
            queue = (0..<problem.unitCount).map { costs.unitQueue.isEmpty ? $0 : costs.unitQueue[$0] }
            submit = (0..<problem.unitCount).map { $0 < costs.submitUS.count ? costs.submitUS[$0] : 0 }
        }

        func cost(_ edge: PlanProblem.Edge, from a: Int, to b: Int) -> Double {
            problem.fastestCommunication(edge, from: a, to: b) + (queue[a] == queue[b] ? 0 : submit[b])
        }
    }
}
