/// Local search whose moves are the plan's own blocks (the V-cycle of multilevel partitioning:
/// Karypis & Kumar 1999, "Multilevel k-way hypergraph partitioning", coarsen by the current
/// partition and refine at that level). A block is a connected set of operators on one unit,
/// joined by edges whose ends share that unit: the parts of the plan that pay no transfer inside.
///
/// Where transfers dominate (issue 13's CCR-5 instances on eight units), a better assignment
/// relocates whole blocks: moving one operator out of a block adds a transfer on each of its edges,
/// so every single step of such a move costs more than it gains, and the refiner's coarse groups
/// are fixed by the graph, not by the plan. The moves, for the incumbent's blocks:
/// - a block to every other unit all its members can run on;
/// - for every edge between two units (producer p on unit a, consumer c on unit b): the part of
///   c's block that c reaches inside it to a, and the part of p's block that reaches p inside it
///   to b — each removes that transfer and keeps the block's other members where they are;
/// each followed by descent over the moved operators and their neighbours
/// (`Refiner.descend(_:operators:limit:)`), which settles the blocks' new boundaries.
/// The first repaired plan that beats the incumbent replaces it and the blocks are taken again;
/// the search ends when a pass over every move gains nothing, or at the evaluation limit. Moves
/// are tried in a fixed order (by member, then unit) and nothing is random, so the plan is a
/// function of the start and the limit.
struct BlockRelocation {
    /// A set of operators moved to one unit.
    struct Move: Hashable {
        var members: [Int]
        var unit: Int
    }

    let problem: PlanProblem
    /// Operators that may move (not members of fused composites).
    let movable: [Bool]
    /// Moves tried, and moves whose repaired plan was kept.
    private(set) var tried = 0
    private(set) var kept = 0

    init(problem: PlanProblem) {
        self.problem = problem
        movable = WindowSearch.movable(problem)
    }

    /// The blocks of `assignment`: connected components of the edges whose ends share a unit,
    /// each ascending, listed by their smallest member.
    static func blocks(_ problem: PlanProblem, _ assignment: [Int]) -> [[Int]] {
        var parent = Array(0..<problem.operatorCount)
        func root(_ op: Int) -> Int {
            var op = op
            while parent[op] != op {
                parent[op] = parent[parent[op]]
                op = parent[op]
            }
            return op
        }
        for edge in problem.edges where assignment[edge.producer] == assignment[edge.consumer] {
            let (a, b) = (root(edge.producer), root(edge.consumer))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var members: [Int: [Int]] = [:]
        for op in 0..<problem.operatorCount { members[root(op), default: []].append(op) }
        return members.keys.sorted().map { members[$0]! }
    }

    /// The moves of `assignment`, in a fixed order, without repeats and without moves that change
    /// nothing or put an operator on a unit it cannot run on.
    func moves(_ assignment: [Int], opUnits: [[Int]]) -> [Move] {
        var block = [Int](repeating: 0, count: problem.operatorCount)
        let blocks = Self.blocks(problem, assignment)
        for (index, members) in blocks.enumerated() { for op in members { block[op] = index } }
        var moves: [Move] = []
        var seen = Set<Move>()
        func add(_ members: [Int], _ unit: Int) {
            let members = members.filter { movable[$0] && assignment[$0] != unit }
            guard !members.isEmpty, members.allSatisfy({ opUnits[$0].contains(unit) }) else { return }
            let move = Move(members: members, unit: unit)
            if seen.insert(move).inserted { moves.append(move) }
        }
        for members in blocks {
            for unit in 0..<problem.unitCount { add(members, unit) }
        }
        for edge in problem.edges where assignment[edge.producer] != assignment[edge.consumer] {
            add(reach(from: edge.consumer, inside: block, forward: true), assignment[edge.producer])
            add(reach(from: edge.producer, inside: block, forward: false), assignment[edge.consumer])
        }
        return moves
    }

    /// The operators of `op`'s block that `op` reaches (forward) or that reach `op` (backward)
    /// along edges inside the block, `op` included; ascending.
    private func reach(from op: Int, inside block: [Int], forward: Bool) -> [Int] {
        var found: Set<Int> = [op]
        var stack = [op]
        while let next = stack.popLast() {
            let neighbours = forward ? problem.outgoing[next].map(\.consumer) : problem.incoming[next].map(\.producer)
            for other in neighbours where block[other] == block[op] && found.insert(other).inserted { stack.append(other) }
        }
        return found.sorted()
    }

    /// Improves `start` by block moves and repairs until a pass gains nothing or `refiner` has made
    /// `limit` evaluations in all (or a requested time cap expires).
    mutating func improve(_ start: Refiner.Candidate, refiner: inout Refiner, limit: Int) -> Refiner.Candidate {
        guard problem.unitCount > 1 else { return start }
        var best = start
        var improved = true
        while improved && refiner.evaluations < limit && !refiner.clock.expired() {
            improved = false
            for move in moves(best.assignment, opUnits: refiner.opUnits) {
                guard refiner.evaluations < limit && !refiner.clock.expired() else { break }
                tried += 1
                var assignment = best.assignment
                for op in move.members { assignment[op] = move.unit }
                let moved = refiner.bestOrder(assignment, startOrder: best.priority)
                let repaired = refiner.descend(moved, operators: scope(of: move.members), limit: limit)
                if repaired.score < best.score - 1e-9 {
                    best = repaired
                    kept += 1
                    improved = true
                    break
                }
            }
        }
        return best
    }

    /// The operators a move's repair may relocate: its members and their producers and consumers, ascending.
    private func scope(of members: [Int]) -> [Int] {
        var scope = Set(members)
        for op in members {
            for edge in problem.incoming[op] { scope.insert(edge.producer) }
            for edge in problem.outgoing[op] { scope.insert(edge.consumer) }
        }
        return scope.sorted()
    }
}
