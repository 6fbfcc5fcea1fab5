/// Coarsening for the optimizer: groups of operators that should move between units together.
/// Declared fusion composites (from the cost model) are groups; then it contracts chains — an edge u→v where u has no other successor and v no other predecessor — as
/// long as some unit can run both ends. Contracting such an edge never creates a cycle in the
/// quotient graph, so a group never has to wait for itself.
public struct Coarsening: Sendable {
    /// Group index of each operator.
    public let groupOf: [Int]
    /// Operators of each group, ascending.
    public let groups: [[Int]]

    public init(_ problem: PlanProblem) {
        let count = problem.operatorCount
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // Fused composites declared by the platform: always one group.
        for composite in problem.costs.composites {
            for op in composite.dropFirst() { parent[find(op)] = find(composite[0]) }
        }
        // Chains.
        for op in 0..<count {
            let successors = Set(problem.outgoing[op].map(\.consumer))
            guard successors.count == 1, let next = successors.first else { continue }
            guard Set(problem.incoming[next].map(\.producer)) == [op] else { continue }
            // Only when both can run on a common unit, or the group could never be placed.
            guard (0..<problem.unitCount).contains(where: { problem.exec(op, $0) != nil && problem.exec(next, $0) != nil }) else { continue }
            parent[find(next)] = find(op)
        }
        var groupOf = [Int](repeating: 0, count: count)
        var groups: [[Int]] = []
        var index: [Int: Int] = [:]
        for op in 0..<count {
            let root = find(op)
            if let group = index[root] {
                groupOf[op] = group
                groups[group].append(op)
            } else {
                index[root] = groups.count
                groupOf[op] = groups.count
                groups.append([op])
            }
        }
        self.groupOf = groupOf
        self.groups = groups
    }

    /// Units that can run every operator of a group.
    public func capableUnits(_ group: Int, _ problem: PlanProblem) -> [Int] {
        (0..<problem.unitCount).filter { unit in groups[group].allSatisfy { problem.exec($0, unit) != nil } }
    }
}
