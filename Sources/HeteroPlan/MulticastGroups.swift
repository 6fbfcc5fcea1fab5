import HeteroCost
import HeteroIR

/// Operators that one multicast read can serve (`HeteroPlatform.Multicast`): the readers of one
/// activation whose only non-constant input it is. They become ready together (when the
/// activation is produced, or at once for a graph input), as the slices of a layer split by
/// output channels do (`LayerSplitting`), so one read of the activation broadcast by the stream
/// switch feeds them all. Built only when some unit has a multicast.
struct MulticastGroups: Sendable {
    /// Per group, the tensor its members read.
    let tensor: [Int]
    /// Per group, its members in ascending order.
    let members: [[Int]]
    /// Per operator, its group, or -1.
    let groupOf: [Int]

    var isEmpty: Bool { tensor.isEmpty }

    /// - Complexity: O(V + T + Σ inputs).
    init(_ graph: Graph, _ costs: CostTable) {
        var groupOf = [Int](repeating: -1, count: graph.operators.count)
        var tensors: [Int] = []
        var members: [[Int]] = []
        guard costs.multicastFanout.contains(where: { $0 >= 2 }) else {
            (tensor, self.members, self.groupOf) = ([], [], groupOf)
            return
        }
        let multicastUnits = costs.multicastFanout.indices.filter { costs.multicastFanout[$0] >= 2 }
        for (index, tensor) in graph.tensors.enumerated() where tensor.kind != .constant {
            let readers = graph.consumers[index].filter { op in
                groupOf[op] < 0 && multicastUnits.contains { costs.execUS[op][$0] != nil }
                    && graph.operators[op].inputs.allSatisfy { name in
                        name.isEmpty || graph.tensorIndex[name] == index || graph.tensors[graph.tensorIndex[name]!].kind == .constant
                    }
            }.sorted()
            guard readers.count >= 2 else { continue }
            for op in readers { groupOf[op] = tensors.count }
            tensors.append(index)
            members.append(readers)
        }
        (tensor, self.members, self.groupOf) = (tensors, members, groupOf)
    }
}
