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
        let operands = _Operands(graph)
        return graph.operators.indices.map { consumer in
            zip(operands.edgeProducers[consumer], operands.edgeTensors[consumer]).map {
                _DataEdge(producer: Int($0), consumer: consumer, tensor: Int($1))
            }
        }
    }
}
