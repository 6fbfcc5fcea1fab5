/// Coarsening for the optimizer: groups of operators that should move between units together.
/// Declared fusion composites (from the cost model) are groups; then it contracts chains — an edge
/// u→v where u has no other successor and v no other predecessor — between groups the same set of
/// units can run. Contracting such an edge never creates a cycle in the
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
        // Chains, only between groups that the same units can run: merging operators with
        // different support would narrow where the merged group may go (a chain through one
        // operator a DLA cannot run would otherwise drag its neighbours off the DLA).
        var support = (0..<count).map { op in
            (0..<problem.unitCount).reduce(UInt64(0)) { problem.exec(op, $1) == nil ? $0 : $0 | (1 << UInt64($1 % 64)) }
        }
        for composite in problem.costs.composites {
            let root = find(composite[0])
            support[root] = composite.reduce(support[root]) { $0 & support[$1] }
        }
        for op in 0..<count {
            let successors = Set(problem.outgoing[op].map(\.consumer))
            guard successors.count == 1, let next = successors.first else { continue }
            guard Set(problem.incoming[next].map(\.producer)) == [op] else { continue }
            let (a, b) = (find(op), find(next))
            guard a != b, support[a] == support[b], support[a] != 0 else { continue }
            parent[b] = a
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
