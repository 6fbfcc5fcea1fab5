import HeteroPlan

extension ResidencyBenchmark {
    /// Whether recomputing an evicted activation could beat writing it to DRAM and streaming it
    /// back, bounded in recomputation's favour: the saving is everything the eviction adds to
    /// its producer's and home readers' durations in the plan (as if every reader recomputed and
    /// the producer never wrote it out), the cost one run of the producer on a reader's unit at
    /// its fastest there (every operand on chip, no submission cost: `PlanProblem.fastestDuration`),
    /// the cheapest over the readers (as if one recomputation served them all). When the cost is
    /// not below the saving, no recomputation of this tensor can pay off in this plan.
    struct RecomputeBound: Encodable {
        let tensor: String
        let producer: String
        let savingUS: Double
        /// Nil when the producer cannot run on any reader's unit.
        let recomputeUS: Double?

        var pays: Bool { recomputeUS.map { $0 < savingUS } ?? false }

        enum CodingKeys: String, CodingKey {
            case tensor, producer
            case savingUS = "saving_us"
            case recomputeUS = "recompute_us"
        }
    }

    /// `RecomputeBound` of every activation the plan evicted.
    static func recomputeBounds(_ problem: PlanProblem, _ assignment: [Int]) -> [RecomputeBound] {
        let graph = problem.graph
        return problem.evictedActivations(assignment).compactMap { tensor in
            guard let producer = graph.producer[tensor] else { return nil }
            var kept = problem
            kept.evicted[tensor] = false
            let readers = Set(graph.tensors.indices.filter { graph.aliasRoot[$0] == tensor }.flatMap { graph.consumers[$0] })
            var saving = 0.0
            for op in readers.union([producer]).sorted() {
                saving += (problem.duration(op, assignment[op], assignment) ?? 0) - (kept.duration(op, assignment[op], assignment) ?? 0)
            }
            let recompute = readers.compactMap { problem.fastestDuration(producer, assignment[$0]) }.min()
            return RecomputeBound(tensor: graph.tensors[tensor].name, producer: graph.operators[producer].label, savingUS: saving,
                                  recomputeUS: recompute)
        }
    }
}
