import HeteroRecords

extension WindowSearch {
    /// The operators of the next window, ascending (a topological order).
    func choose(_ kind: WindowKind, size: Int, incumbent: Schedule, rng: inout SplitMix64, transferRank: inout Int) -> [Int] {
        switch kind {
        case .criticalPath:
            let path = Self.criticalPath(problem, incumbent).filter { movable[$0] }
            guard !path.isEmpty else { return [] }
            let offset = path.count > size ? Int(rng.next() % UInt64(path.count - size + 1)) : 0
            return grow(Array(path[offset..<min(path.count, offset + size)]), to: size, rng: &rng)
        case .transfer:
            let crossing = problem.edges.filter { incumbent.operators[$0.producer].unit != incumbent.operators[$0.consumer].unit
                && movable[$0.producer] && movable[$0.consumer] }
            guard !crossing.isEmpty else { return grow([], to: size, rng: &rng) }
            let cost = { (edge: PlanProblem.Edge) in
                problem.communication(edge, from: incumbent.operators[edge.producer].unit, to: incumbent.operators[edge.consumer].unit)
            }
            let ranked = crossing.indices.sorted { cost(crossing[$0]) != cost(crossing[$1]) ? cost(crossing[$0]) > cost(crossing[$1]) : $0 < $1 }
            let edge = crossing[ranked[transferRank % ranked.count]]
            transferRank += 1
            return grow([edge.producer, edge.consumer], to: size, rng: &rng)
        case .region:
            return grow([], to: size, rng: &rng)
        }
    }

    /// `core` extended to `size` movable operators (`WindowSearch.grow`).
    func grow(_ core: [Int], to size: Int, rng: inout SplitMix64) -> [Int] {
        Self.grow(core, to: size, problem: problem, movable: movable, rng: &rng)
    }

    /// `core` extended to `size` movable operators by a breadth-first walk over edges in both
    /// directions (neighbours in random order), from a random movable operator when `core` is
    /// empty; ascending. Also the clusters the perturbation stage relocates.
    static func grow(_ core: [Int], to size: Int, problem: PlanProblem, movable: [Bool], rng: inout SplitMix64) -> [Int] {
        var chosen = Set(core)
        var frontier = core
        if frontier.isEmpty {
            let candidates = (0..<problem.operatorCount).filter { movable[$0] }
            guard !candidates.isEmpty else { return [] }
            let start = candidates[Int(rng.next() % UInt64(candidates.count))]
            chosen.insert(start)
            frontier = [start]
        }
        var next = 0
        while chosen.count < size && next < frontier.count {
            let op = frontier[next]
            next += 1
            var neighbours = problem.incoming[op].map(\.producer) + problem.outgoing[op].map(\.consumer)
            for index in neighbours.indices.reversed() {
                neighbours.swapAt(index, Int(rng.next() % UInt64(index + 1)))
            }
            for neighbour in neighbours where movable[neighbour] && !chosen.contains(neighbour) && chosen.count < size {
                chosen.insert(neighbour)
                frontier.append(neighbour)
            }
        }
        return chosen.sorted()
    }

    /// The incumbent's critical path, first operator first: from the last to finish, back through
    /// whichever constraint set each start — the latest-arriving input or the operator before it
    /// on its unit.
    static func criticalPath(_ problem: PlanProblem, _ schedule: Schedule) -> [Int] {
        let placed = schedule.operators
        guard var op = placed.indices.max(by: { placed[$0].finishUS < placed[$1].finishUS }) else { return [] }
        var previousOnUnit = [Int?](repeating: nil, count: placed.count)
        for queue in schedule.unitQueues { for (position, member) in queue.enumerated() where position > 0 { previousOnUnit[member] = queue[position - 1] } }
        var path = [op]
        while true {
            let start = placed[op].startUS
            let input = problem.incoming[op].max { a, b in
                placed[a.producer].finishUS + problem.communication(a, from: placed[a.producer].unit, to: placed[op].unit)
                    < placed[b.producer].finishUS + problem.communication(b, from: placed[b.producer].unit, to: placed[op].unit)
            }
            let arrival = input.map { placed[$0.producer].finishUS + problem.communication($0, from: placed[$0.producer].unit, to: placed[op].unit) }
            if let input, let arrival, arrival >= start - 1e-9 {
                op = input.producer
            } else if let before = previousOnUnit[op], placed[before].finishUS >= start - 1e-9 {
                op = before
            } else if let input {
                op = input.producer
            } else {
                break
            }
            path.append(op)
        }
        return path.reversed()
    }
}
