import HeapModule

/// Deterministic topological ordering of a dependency graph given as predecessor lists.
public enum DependencyOrder {
    /// The outcome: an order of all nodes, or one cycle (its nodes in dependency order, the first
    /// repeated at the end).
    public enum Outcome: Equatable, Sendable {
        case ordered([Int])
        case cycle([Int])
    }

    /// Kahn's algorithm; among ready nodes the smallest index goes first, so the same input always
    /// gives the same order.
    /// - Complexity: O((V + E) log V).
    public static func order(predecessors: [[Int]]) -> Outcome {
        var successors = [[Int]](repeating: [], count: predecessors.count)
        var remaining = [Int](repeating: 0, count: predecessors.count)
        for (node, list) in predecessors.enumerated() {
            for predecessor in list {
                successors[predecessor].append(node)
                remaining[node] += 1
            }
        }
        var ready = Heap<Int>()
        for node in predecessors.indices where remaining[node] == 0 { ready.insert(node) }
        var order: [Int] = []
        order.reserveCapacity(predecessors.count)
        while let next = ready.popMin() {
            order.append(next)
            for successor in successors[next] {
                remaining[successor] -= 1
                if remaining[successor] == 0 { ready.insert(successor) }
            }
        }
        if order.count == predecessors.count { return .ordered(order) }
        return .cycle(findCycle(predecessors: predecessors, remaining: remaining))
    }

    /// Among nodes that never became ready every one has an unready predecessor, so walking
    /// predecessors must revisit a node; the walk from that node on is a cycle.
    private static func findCycle(predecessors: [[Int]], remaining: [Int]) -> [Int] {
        guard var current = remaining.firstIndex(where: { $0 > 0 }) else { return [] }
        var position: [Int: Int] = [:]
        var path: [Int] = []
        while position[current] == nil {
            position[current] = path.count
            path.append(current)
            guard let next = predecessors[current].first(where: { remaining[$0] > 0 }) else { break }
            current = next
        }
        let cycle = Array(path[(position[current] ?? 0)...].reversed())
        // Start at the smallest node so the report does not depend on where the walk began.
        let start = cycle.indices.min { cycle[$0] < cycle[$1] } ?? 0
        let rotated = Array(cycle[start...] + cycle[..<start])
        return rotated + [rotated[0]]
    }
}
