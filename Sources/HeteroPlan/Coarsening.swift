import HeteroCost

/// Coarsening for the optimizer: groups of operators that should move between units together.
/// Declared fusion composites (from the cost model) are groups; then it contracts chains — an edge
/// u→v where u has no other successor and v no other predecessor — between groups the same set of
/// units can run (contracting such an edge never creates a cycle in the quotient graph); then heavy
/// edges, whose transfer and sync cost at least the cheaper end's compute, while no other path
/// joins their ends, so the quotient graph stays acyclic and a group never waits for itself.
public struct Coarsening: Sendable {
    /// Group index of each operator.
    public let groupOf: [Int]
    /// Operators of each group, ascending.
    public let groups: [[Int]]

    public init(_ problem: PlanProblem, heavyEdges: Bool = true) {
        let count = problem.operatorCount
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int { Self.root(x, &parent) }
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
        if heavyEdges { Self.contractHeavyEdges(problem, parent: &parent, support: &support) }
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

    /// An edge is heavy when moving its tensor between any two units that could run its ends costs
    /// at least this multiple of the cheaper end's compute: splitting it would rarely pay.
    public static let heavyEdgeRatio = 1.0
    /// Heavy-edge contraction stops growing a group beyond this many operators, so groups stay
    /// small enough for the refiner to move usefully.
    public static let maximumGroupSize = 32

    /// Contracts heavy edges (heaviest first, relative to the cheaper end's compute) between groups
    /// with the same support, unless another path joins the two groups: contracting u→v while a
    /// path u→w→v exists would put w both after and before the merged group (a cycle).
    private static func contractHeavyEdges(_ problem: PlanProblem, parent: inout [Int], support: inout [UInt64]) {
        let count = problem.operatorCount
        func find(_ x: Int) -> Int { Self.root(x, &parent) }
        var size = [Int](repeating: 0, count: count)
        var work = [Double](repeating: 0, count: count)
        for op in 0..<count {
            size[find(op)] += 1
            work[find(op)] += (0..<problem.unitCount).compactMap { problem.exec(op, $0) }.min() ?? 0
        }
        var successors = [Set<Int>](repeating: [], count: count)
        var predecessors = [Set<Int>](repeating: [], count: count)
        for edge in problem.edges {
            let (a, b) = (find(edge.producer), find(edge.consumer))
            guard a != b else { continue }
            successors[a].insert(b)
            predecessors[b].insert(a)
        }
        // Candidates: heavy edges, by decreasing weight relative to the cheaper end (ties: edge order).
        var cheapest = CheapestCrossing()
        var candidates: [(edge: Int, ratio: Double)] = []
        for (index, edge) in problem.edges.enumerated() {
            let (a, b) = (find(edge.producer), find(edge.consumer))
            guard a != b, support[a] == support[b] else { continue }
            let weight = cheapest.weight(edge, problem)
            guard weight.isFinite else { continue }
            let cheaper = max(1e-12, min(work[a], work[b]))
            if weight >= heavyEdgeRatio * cheaper { candidates.append((index, weight / cheaper)) }
        }
        candidates.sort { $0.ratio != $1.ratio ? $0.ratio > $1.ratio : $0.edge < $1.edge }

        func otherPath(from a: Int, to b: Int) -> Bool {
            var stack = Array(successors[a].filter { $0 != b })
            var seen = Set(stack)
            while let x = stack.popLast() {
                if x == b { return true }
                for y in successors[x] where seen.insert(y).inserted { stack.append(y) }
            }
            return false
        }
        for candidate in candidates {
            let edge = problem.edges[candidate.edge]
            let (a, b) = (find(edge.producer), find(edge.consumer))
            guard a != b, support[a] == support[b], size[a] + size[b] <= maximumGroupSize else { continue }
            guard !otherPath(from: a, to: b) else { continue }
            // Merge b into a.
            parent[b] = a
            size[a] += size[b]
            work[a] += work[b]
            for x in predecessors[b] {
                successors[x].remove(b)
                if x != a { successors[x].insert(a); predecessors[a].insert(x) }
            }
            for y in successors[b] {
                predecessors[y].remove(b)
                if y != a { predecessors[y].insert(a); successors[a].insert(y) }
            }
            successors[a].remove(b)
            successors[a].remove(a)
            predecessors[a].remove(a)
            successors[b] = []
            predecessors[b] = []
        }
    }

    /// The representative of `x`'s set in a union-find forest, halving paths on the way.
    private static func root(_ x: Int, _ parent: inout [Int]) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }

    /// Units that can run every operator of a group.
    public func capableUnits(_ group: Int, _ problem: PlanProblem) -> [Int] {
        (0..<problem.unitCount).filter { unit in groups[group].allSatisfy { problem.exec($0, unit) != nil } }
    }
}

/// The cheapest communication of an edge between two different units that can run its ends:
/// min over pairs u != v of (fixed + bytes × per-byte) + sync. That sum never decreases when one
/// of its three terms grows (floating-point addition and multiplication are monotone), so only
/// pairs whose (fixed, per-byte, sync) no other pair beats in all three can give the minimum;
/// they are found once per pair of capable-unit sets and the minimum is taken over them, with
/// the same arithmetic as over all pairs. On an array of identical tiles that is a handful of
/// pairs instead of U².
struct CheapestCrossing {
    /// For a (producer units, consumer units) pair of sets: a representative (u, v) per
    /// undominated triple, or nil when there are too many to be worth it (then all pairs).
    private var frontiers: [[[Int]]: [(Int, Int)]?] = [:]

    /// Distinct triples beyond which the frontier is not kept.
    static let maximumTriples = 4096

    mutating func weight(_ edge: PlanProblem.Edge, _ problem: PlanProblem) -> Double {
        let producers = (0..<problem.unitCount).filter { problem.exec(edge.producer, $0) != nil }
        let consumers = (0..<problem.unitCount).filter { problem.exec(edge.consumer, $0) != nil }
        let key = [producers, consumers]
        if frontiers[key] == nil { frontiers[key] = .some(Self.frontier(producers, consumers, problem.costs)) }
        guard let pairs = frontiers[key]! else {
            var weight = Double.infinity
            for u in producers { for v in consumers where v != u { weight = min(weight, problem.communication(edge, from: u, to: v)) } }
            return weight
        }
        return pairs.reduce(Double.infinity) { min($0, problem.communication(edge, from: $1.0, to: $1.1)) }
    }

    private struct Triple: Hashable {
        let fixed: Double
        let perByte: Double
        let sync: Double

        func dominates(_ other: Triple) -> Bool {
            fixed <= other.fixed && perByte <= other.perByte && sync <= other.sync
        }
    }

    private static func frontier(_ producers: [Int], _ consumers: [Int], _ costs: CostTable) -> [(Int, Int)]? {
        var first: [Triple: (Int, Int)] = [:]
        var order: [Triple] = []
        for u in producers {
            for v in consumers where v != u {
                let triple = Triple(fixed: costs.transferFixedUS[u, v], perByte: costs.transferPerByteUS[u, v], sync: costs.syncUS[u, v])
                guard first[triple] == nil else { continue }
                first[triple] = (u, v)
                order.append(triple)
                if order.count > maximumTriples { return nil }
            }
        }
        let kept = order.filter { triple in !order.contains { $0 != triple && $0.dominates(triple) } }
        return kept.map { first[$0]! }
    }
}
