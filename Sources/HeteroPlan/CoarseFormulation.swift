import GLPKSolver
import HeapModule

/// The assignment MILP the optimizer solves with GLPK on the coarse graph (one node per group of
/// `Coarsening`).
///
/// Variables: x(g,u) binary (group g on unit u, only where u can run every member and the largest
/// member's activations fit in u's memory), s(g) >= 0 the group's start, C the makespan.
/// Constraints:
/// - assignment: sum_u x(g,u) = 1;
/// - duration: d_g = sum_u c(g,u)·x(g,u), with c(g,u) the members' summed time on u (fused shares
///   for declared composites, which are always whole inside one group);
/// - precedence with transfers and syncs, per coarse edge g→h and pair of units a != b:
///   s_h >= s_g + d_g + t_gh(a,b)·(x(g,a) + x(h,b) - 1), t_gh(a,b) the slowest of the edge's
///   tensors (they move in parallel) — exact without a big-M, as in `ExactFormulation`;
/// - makespan: C >= s_g + d_g, and C >= the summed load of every unit.
///
/// It leaves out the disjunctive "one operator at a time per unit" constraints, which are what
/// makes the exact model hard; the per-unit load row stands in for them. So its optimum is a
/// relaxation: the list scheduler decodes the assignment, and when every group is a single
/// operator without fusion its bound is a valid makespan lower bound for the whole problem.
struct CoarseFormulation {
    let problem: PlanProblem
    let coarsening: Coarsening
    private(set) var model: MILPModel
    /// Column of x(g,u), or nil when u cannot take g.
    private(set) var x: [[Int?]] = []
    private(set) var s: [Int] = []
    private(set) var c = 0
    /// c(g,u), nil when u cannot take g.
    private(set) var groupCost: [[Double?]] = []
    /// Units excluded for a group because a member's activations exceed the unit's memory.
    private(set) var memoryExclusions: [(group: Int, unit: Int)] = []

    init(problem: PlanProblem, coarsening: Coarsening) {
        self.problem = problem
        self.coarsening = coarsening
        model = MILPModel(name: "coarse-assignment", sense: .minimize)
        build()
    }

    /// True when the model is a relaxation of the fine scheduling problem (so its bound is one):
    /// every group a single operator, no unit excluded for memory (the fine problem may still use
    /// it, spilling), and times that do not depend on the assignment (no fusion or residency).
    var boundsFineProblem: Bool {
        problem.costs.composites.isEmpty && memoryExclusions.isEmpty
            && coarsening.groups.allSatisfy { $0.count == 1 } && problem.timesIndependentOfAssignment
    }

    /// Bytes of activations an operator reads and writes at once.
    private func workingSet(_ op: Int) -> Int {
        let graph = problem.graph
        let operatorNode = graph.operators[op]
        var bytes = 0
        for name in operatorNode.inputs + operatorNode.outputs where !name.isEmpty {
            guard let index = graph.tensorIndex[name], graph.tensors[index].kind != .constant else { continue }
            bytes += graph.tensors[index].byteSize
        }
        return bytes
    }

    private mutating func build() {
        let groups = coarsening.groups
        let units = problem.unitCount
        let costs = problem.costs
        groupCost = groups.indices.map { g in
            (0..<units).map { u -> Double? in
                var total = 0.0
                for op in groups[g] {
                    let fused = costs.fusedExecUS.isEmpty || costs.compositeOf[op] == nil ? nil : costs.fusedExecUS[op][u]
                    guard let own = problem.exec(op, u) else { return nil }
                    let time = fused ?? own
                    total += time
                }
                return total
            }
        }
        // Memory capacity: a group whose largest member's activations exceed a unit's memory
        // would have to spill around every operator there; keep such groups off that unit when
        // another unit can take them.
        for g in groups.indices {
            let need = groups[g].map(workingSet).max() ?? 0
            let capable = (0..<units).filter { groupCost[g][$0] != nil }
            let fitting = capable.filter { u in costs.memoryCapacity[costs.unitMemory[u]].map { need <= $0 } ?? true }
            guard !fitting.isEmpty else { continue }
            for u in capable where !fitting.contains(u) {
                groupCost[g][u] = nil
                memoryExclusions.append((g, u))
            }
        }
        for g in groups.indices {
            x.append((0..<units).map { u in
                groupCost[g][u] == nil ? nil : model.addVariable(MILPVariable(name: "x_\(g)_\(u)", kind: .binary, lowerBound: 0, upperBound: 1))
            })
        }
        for g in groups.indices {
            s.append(model.addVariable(MILPVariable(name: "s_\(g)", kind: .continuous, lowerBound: 0, upperBound: .infinity)))
        }
        c = model.addVariable(MILPVariable(name: "C", kind: .continuous, lowerBound: 0, upperBound: .infinity, objective: 1))

        func duration(_ g: Int) -> [(Int, Double)] {
            (0..<units).compactMap { u in x[g][u].map { ($0, groupCost[g][u]!) } }
        }
        for g in groups.indices {
            model.addRow("assign_\(g)", (0..<units).compactMap { x[g][$0].map { ($0, 1.0) } }, lower: 1, upper: 1)
            model.addRow("makespan_\(g)", [(c, 1), (s[g], -1)] + duration(g).map { ($0.0, -$0.1) }, lower: 0)
        }
        for u in 0..<units {
            let load = groups.indices.compactMap { g in x[g][u].map { ($0, -groupCost[g][u]!) } }
            if !load.isEmpty { model.addRow("load_\(u)", [(c, 1)] + load, lower: 0) }
        }
        // Coarse edges, in a deterministic order, with the slowest member edge per unit pair.
        var coarseEdges: [Int: [PlanProblem.Edge]] = [:]
        for edge in problem.edges {
            let (g, h) = (coarsening.groupOf[edge.producer], coarsening.groupOf[edge.consumer])
            if g != h { coarseEdges[g * groups.count + h, default: []].append(edge) }
        }
        for key in coarseEdges.keys.sorted() {
            let (g, h) = (key / groups.count, key % groups.count)
            let members = coarseEdges[key]!
            let base = [(s[h], 1.0), (s[g], -1.0)] + duration(g).map { ($0.0, -$0.1) }
            model.addRow("prec_\(g)_\(h)", base, lower: 0)
            for a in 0..<units {
                guard let xa = x[g][a] else { continue }
                for b in 0..<units where b != a {
                    guard let xb = x[h][b] else { continue }
                    let cost = members.map { problem.communication($0, from: a, to: b) }.max() ?? 0
                    guard cost > 0 else { continue }
                    model.addRow("comm_\(g)_\(h)_\(a)_\(b)", base + [(xa, -cost), (xb, -cost)], lower: -cost)
                }
            }
        }
    }

    /// The group-level projection of an operator assignment (each group to the unit of its first
    /// member when that unit can take the whole group, else to its cheapest unit), as variable
    /// values with the earliest starts the constraints allow: a feasible warm start.
    func values(for assignment: [Int]) -> [Double] {
        let groups = coarsening.groups
        var values = [Double](repeating: 0, count: model.variables.count)
        var unitOf = [Int](repeating: 0, count: groups.count)
        for g in groups.indices {
            let preferred = assignment[groups[g][0]]
            if groupCost[g][preferred] != nil {
                unitOf[g] = preferred
            } else {
                unitOf[g] = (0..<problem.unitCount).filter { groupCost[g][$0] != nil }
                    .min { groupCost[g][$0]! < groupCost[g][$1]! }!
            }
            values[x[g][unitOf[g]]!] = 1
        }
        var start = [Double](repeating: 0, count: groups.count)
        var finish = [Double](repeating: 0, count: groups.count)
        var load = [Double](repeating: 0, count: problem.unitCount)
        for g in topologicalOrder ?? [] {
            var earliest = 0.0
            for op in groups[g] {
                for edge in problem.incoming[op] where coarsening.groupOf[edge.producer] != g {
                    let p = coarsening.groupOf[edge.producer]
                    earliest = max(earliest, finish[p] + problem.communication(edge, from: unitOf[p], to: unitOf[g]))
                }
            }
            start[g] = earliest
            finish[g] = earliest + groupCost[g][unitOf[g]]!
            load[unitOf[g]] += groupCost[g][unitOf[g]]!
            values[s[g]] = start[g]
        }
        values[c] = max(finish.max() ?? 0, load.max() ?? 0)
        return values
    }

    /// The groups in dependency order (Kahn's algorithm, smallest index first), or nil when the
    /// quotient graph has a cycle (possible when a declared composite has an outside input that
    /// depends on one of its members), in which case the model is infeasible and not worth solving.
    var topologicalOrder: [Int]? {
        let count = coarsening.groups.count
        var successors = [Set<Int>](repeating: [], count: count)
        var indegree = [Int](repeating: 0, count: count)
        for edge in problem.edges {
            let (g, h) = (coarsening.groupOf[edge.producer], coarsening.groupOf[edge.consumer])
            if g != h && successors[g].insert(h).inserted { indegree[h] += 1 }
        }
        var ready = Heap<Int>((0..<count).filter { indegree[$0] == 0 })
        var order: [Int] = []
        while let g = ready.popMin() {
            order.append(g)
            for h in successors[g] {
                indegree[h] -= 1
                if indegree[h] == 0 { ready.insert(h) }
            }
        }
        return order.count == count ? order : nil
    }

    /// The operator assignment and group starts of a solution.
    func decode(_ values: [Double]) -> (assignment: [Int], groupStart: [Double]) {
        var assignment = [Int](repeating: 0, count: problem.operatorCount)
        for (g, members) in coarsening.groups.enumerated() {
            let unit = (0..<problem.unitCount).max { a, b in (x[g][a].map { values[$0] } ?? -1) < (x[g][b].map { values[$0] } ?? -1) }!
            for op in members { assignment[op] = unit }
        }
        return (assignment, s.map { values[$0] })
    }
}
