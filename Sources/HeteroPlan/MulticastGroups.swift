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
    /// `readBytes[group * unitCount + unit]`: the bytes of the group's tensor a multicast read
    /// carries to a member on `unit` (`CostTable.storedBytes` there), made once: the list
    /// scheduler asks for it at every placement of a member; 0 on units without a multicast.
    let readBytes: [Double]
    private let unitCount: Int

    var isEmpty: Bool { tensor.isEmpty }

    /// - Complexity: O(V + T + Σ inputs).
    init(_ graph: Graph, _ costs: CostTable) {
        var groupOf = [Int](repeating: -1, count: graph.operators.count)
        var tensors: [Int] = []
        var members: [[Int]] = []
        unitCount = costs.unitCount
        guard costs.multicastFanout.contains(where: { $0 >= 2 }) else {
            (tensor, self.members, self.groupOf, readBytes) = ([], [], groupOf, [])
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
        var readBytes = [Double](repeating: 0, count: tensors.count * unitCount)
        for (group, tensor) in tensors.enumerated() {
            for unit in multicastUnits { readBytes[group * unitCount + unit] = Double(costs.storedBytes(graph.tensors[tensor], on: unit)) }
        }
        (tensor, self.members, self.groupOf, self.readBytes) = (tensors, members, groupOf, readBytes)
    }

    /// The bytes of `group`'s tensor a multicast read carries to a member on `unit` (`readBytes`).
    @inline(__always)
    func readBytes(_ group: Int, on unit: Int) -> Double {
        readBytes[group &* unitCount &+ unit]
    }
}
