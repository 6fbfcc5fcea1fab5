import HeteroIR

/// A data dependency as the simulator reads it from the graph: `tensor` written by `producer`
/// and read by `consumer`. The simulator derives these itself rather than borrowing the
/// planner's adjacency, so that its agreement with a prediction is evidence.
struct _DataEdge: Sendable, Hashable {
    let producer: Int
    let consumer: Int
    let tensor: Int

    /// Per operator, one edge per distinct tensor it reads that an operator produces, in the
    /// order the operator lists its inputs.
    ///
    /// - Complexity: O(V + E).
    static func incoming(_ graph: Graph) -> [[_DataEdge]] {
        graph.operators.enumerated().map { consumer, op in
            var seen = Set<Int>()
            var edges: [_DataEdge] = []
            for input in op.inputs where !input.isEmpty {
                guard let tensor = graph.tensorIndex[input], seen.insert(tensor).inserted, let producer = graph.producer[tensor] else { continue }
                edges.append(_DataEdge(producer: producer, consumer: consumer, tensor: tensor))
            }
            return edges
        }
    }
}
