import HeapModule

/// Depth-first branch and bound over the units of a window's operators, every other operator
/// keeping the incumbent's unit and the priority order fixed (issue 13: the better plans differ
/// in units, not in order, and the smallest improving move relocates 5 or more operators at once,
/// which no move of the refiner makes).
///
/// The list scheduler takes operators in an order that depends only on the graph and the priority
/// (the ready operator first in the priority order), never on the units, so the schedule of a
/// prefix of that sequence is fixed once the prefix's units are. The search walks the sequence,
/// placing operators with the scheduler's own `ScheduleBuilder.State` (without insertion, as the
/// refiner evaluates), and branches at each window operator over its units (the incumbent's
/// first, then by duration). A leaf's makespan is exactly the refiner's evaluation of that
/// assignment and priority. A node is pruned when a lower bound on every completion reaches the
/// best makespan found: the larger of
/// - the latest finish so far plus its operator's shortest path to an exit (each later operator
///   at its shortest duration: its own unit's, or for a window operator the fastest it can use),
/// - for each unit, when it becomes free plus the durations of the fixed operators still to
///   place on it (no insertion: they start after it).
///
/// The work limit counts placements, so a run is deterministic. Valid only where a placement
/// depends on nothing placed later: no activation residency and no weight prefetches (the
/// search checks `applies`).
struct AssignmentEnumeration {
    let problem: PlanProblem
    /// The scheduler's processing order for the priority.
    let sequence: [Int]
    /// The window's operators in `sequence` order, with their positions there.
    let branches: [(op: Int, position: Int, units: [Int])]
    /// A lower bound on each operator's duration under any completion.
    let shortest: [Double]
    /// The longest path of shortest durations from an operator's finish to an exit.
    let tail: [Double]
    /// Placements allowed.
    let workLimit: Int
    private(set) var work = 0
    /// Branch-and-bound nodes (window operators given a unit).
    private(set) var nodes = 0
    /// The best assignment found (the incumbent's until a better one is).
    private(set) var best: [Int]
    private(set) var bestMakespan: Double

    /// A node: the partial schedule and what its bound needs.
    private struct Node {
        var state: ScheduleBuilder.State
        /// Work of the fixed operators not yet placed, per unit.
        var loadLeft: [Double]
        /// Latest finish plus tail over the placed operators.
        var pathBound: Double
    }

    /// Whether the prefix schedule is exact for `problem` (see the type's comment).
    static func applies(_ problem: PlanProblem) -> Bool {
        problem.costs.residency.isEmpty && !problem.hasPrefetches
    }

    /// - Parameters:
    ///   - window: operators free to change unit (not members of fused composites).
    ///   - incumbent: the assignment the others keep; its makespan under `priority` is `makespan`.
    ///   - targets: the units worth trying for each window operator.
    init(problem: PlanProblem, window: [Int], incumbent: [Int], priority: [Int], makespan: Double,
         targets: (Int) -> [Int], workLimit: Int) {
        self.problem = problem
        self.workLimit = workLimit
        best = incumbent
        bestMakespan = makespan
        let sequence = Self.sequence(problem, priority: priority)
        self.sequence = sequence
        let inWindow = Set(window)
        let duration = { (op: Int, unit: Int) in Self.shortestDuration(op, unit, incumbent, problem) }
        var shortest = [Double](repeating: 0, count: problem.operatorCount)
        for op in 0..<problem.operatorCount {
            let units = inWindow.contains(op) ? targets(op).filter { problem.exec(op, $0) != nil } : [incumbent[op]]
            shortest[op] = units.map { duration(op, $0) }.min() ?? .infinity
        }
        var tail = [Double](repeating: 0, count: problem.operatorCount)
        for op in sequence.reversed() {
            tail[op] = problem.successors[op].reduce(0.0) { max($0, shortest[$1] + tail[$1]) }
        }
        self.shortest = shortest
        self.tail = tail
        var position = [Int](repeating: 0, count: problem.operatorCount)
        for (index, op) in sequence.enumerated() { position[op] = index }
        branches = window.sorted { position[$0] < position[$1] }.map { op in
            let units = targets(op).filter { problem.exec(op, $0) != nil }
            let ordered = units.sorted { a, b in
                if (a == incumbent[op]) != (b == incumbent[op]) { return a == incumbent[op] }
                return duration(op, a) != duration(op, b) ? duration(op, a) < duration(op, b) : a < b
            }
            return (op, position[op], ordered)
        }
    }

    /// The lower bound on `op`'s duration on `unit` with the others where `assignment` says.
    private static func shortestDuration(_ op: Int, _ unit: Int, _ assignment: [Int], _ problem: PlanProblem) -> Double {
        var probe = assignment
        probe[op] = unit
        guard let timing = problem.timing(op, unit, probe) else { return .infinity }
        return max(0, timing.durationUS - timing.overheadUS)
    }

    /// The list scheduler's processing order for `priority` (`ScheduleBuilder.State.run`): the
    /// ready operator that comes first in `priority`, whatever the units.
    static func sequence(_ problem: PlanProblem, priority: [Int]) -> [Int] {
        var rank = [Int](repeating: 0, count: problem.operatorCount)
        for (position, op) in priority.enumerated() { rank[op] = position }
        var waiting = problem.predecessorCount
        var ready = Heap<Int>()
        for op in 0..<problem.operatorCount where waiting[op] == 0 { ready.insert(rank[op]) }
        var order: [Int] = []
        order.reserveCapacity(problem.operatorCount)
        while let next = ready.popMin() {
            let op = priority[next]
            order.append(op)
            for consumer in problem.successors[op] {
                waiting[consumer] -= 1
                if waiting[consumer] == 0 { ready.insert(rank[consumer]) }
            }
        }
        return order
    }

    /// Searches until every assignment of the window is decided or the work limit is reached;
    /// `best` then holds the best assignment found and `bestMakespan` its makespan.
    mutating func run() {
        guard !branches.isEmpty else { return }
        var loadLeft = [Double](repeating: 0, count: problem.unitCount)
        let windowOps = Set(branches.map(\.op))
        for op in 0..<problem.operatorCount where !windowOps.contains(op) { loadLeft[best[op]] += shortest[op] }
        var root = Node(state: ScheduleBuilder.State(problem: problem, insertion: false, recordTransfers: false,
                                                            contention: problem.costs.contention),
                        loadLeft: loadLeft, pathBound: 0)
        var assignment = best
        guard advance(&root, to: branches[0].position, assignment: assignment) else { return }
        branch(root, depth: 0, assignment: &assignment)
    }

    private mutating func branch(_ node: Node, depth: Int, assignment: inout [Int]) {
        let (op, position, units) = branches[depth]
        let end = depth + 1 < branches.count ? branches[depth + 1].position : sequence.count
        let original = assignment[op]
        for unit in units {
            guard work < workLimit else { break }
            nodes += 1
            assignment[op] = unit
            var child = node
            place(&child, op, on: unit, assignment: assignment)
            guard bound(child) < bestMakespan - 1e-9, advance(&child, from: position + 1, to: end, assignment: assignment) else { continue }
            if depth + 1 < branches.count {
                branch(child, depth: depth + 1, assignment: &assignment)
            } else if child.state.makespan < bestMakespan - 1e-9 {
                best = assignment
                bestMakespan = child.state.makespan
            }
        }
        assignment[op] = original
    }

    /// Places the fixed operators `sequence[from..<to]`; false when the node is pruned.
    private mutating func advance(_ node: inout Node, from: Int = 0, to end: Int, assignment: [Int]) -> Bool {
        for index in from..<end {
            let op = sequence[index]
            place(&node, op, on: assignment[op], assignment: assignment)
            node.loadLeft[assignment[op]] -= shortest[op]
            if node.pathBound >= bestMakespan - 1e-9 { return false }
        }
        return bound(node) < bestMakespan - 1e-9
    }

    private mutating func place(_ node: inout Node, _ op: Int, on unit: Int, assignment: [Int]) {
        work += 1
        node.state.place(op, on: unit, assignment: assignment)
        node.pathBound = max(node.pathBound, node.state.finish[op] + tail[op])
    }

    private func bound(_ node: Node) -> Double {
        var bound = max(node.pathBound, node.state.makespan)
        for unit in 0..<problem.unitCount {
            bound = max(bound, (node.state.slots[unit].last?.finish ?? 0) + node.loadLeft[unit])
        }
        return bound
    }
}
