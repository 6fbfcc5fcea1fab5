import GLPKSolver
import HeteroRecords

/// Builds the exact scheduling MILP described on `ExactILPStrategy` and maps solutions back.
struct ExactFormulation {
    let problem: PlanProblem
    let bigM: Double
    private(set) var model: MILPModel
    /// Column of x(i,u), or nil when u cannot run i.
    private(set) var x: [[Int?]] = []
    private(set) var s: [Int] = []
    private(set) var c = 0
    /// Ordering variables o(i,j) for i < j with no path between them.
    private(set) var order: [(i: Int, j: Int, column: Int)] = []

    init(problem: PlanProblem, bigM: Double) {
        self.problem = problem
        self.bigM = bigM
        model = MILPModel(name: "exact-schedule", sense: .minimize)
        build()
    }

    private mutating func build() {
        let n = problem.operatorCount
        let units = problem.unitCount
        // Time windows: head(i) = longest chain of fastest durations before i (earliest start);
        // tail(i) = longest chain after i. Any schedule no longer than bigM has
        // head(i) <= s_i <= bigM - fastest(i) - tail(i).
        let fastest = (0..<n).map { i in (0..<units).compactMap { problem.exec(i, $0) }.min() ?? 0 }
        var head = [Double](repeating: 0, count: n)
        for i in 0..<n { for edge in problem.incoming[i] { head[i] = max(head[i], head[edge.producer] + fastest[edge.producer]) } }
        var tail = [Double](repeating: 0, count: n)
        for i in (0..<n).reversed() { for edge in problem.outgoing[i] { tail[i] = max(tail[i], fastest[edge.consumer] + tail[edge.consumer]) } }
        let latest = (0..<n).map { max(head[$0], bigM - fastest[$0] - tail[$0]) }
        for i in 0..<n {
            x.append((0..<units).map { u in
                problem.exec(i, u) == nil ? nil : model.addVariable(MILPVariable(name: "x_\(i)_\(u)", kind: .binary, lowerBound: 0, upperBound: 1))
            })
        }
        for i in 0..<n {
            s.append(model.addVariable(MILPVariable(name: "s_\(i)", kind: .continuous, lowerBound: head[i], upperBound: latest[i])))
        }
        c = model.addVariable(MILPVariable(name: "C", kind: .continuous, lowerBound: 0, upperBound: bigM, objective: 1))

        func duration(_ i: Int) -> [(Int, Double)] {
            (0..<units).compactMap { u in x[i][u].map { ($0, problem.exec(i, u)!) } }
        }
        for i in 0..<n {
            model.addRow("assign_\(i)", (0..<units).compactMap { x[i][$0].map { ($0, 1.0) } }, lower: 1, upper: 1)
            model.addRow("makespan_\(i)", [(c, 1), (s[i], -1)] + duration(i).map { ($0.0, -$0.1) }, lower: tail[i])
        }
        // Per-unit load: a valid cut that lifts the LP bound.
        for u in 0..<units {
            let load = (0..<n).compactMap { i in x[i][u].map { ($0, -problem.exec(i, u)!) } }
            if !load.isEmpty { model.addRow("load_\(u)", [(c, 1)] + load, lower: 0) }
        }
        for edge in problem.edges {
            let (i, j) = (edge.producer, edge.consumer)
            let base = [(s[j], 1.0), (s[i], -1.0)] + duration(i).map { ($0.0, -$0.1) }
            model.addRow("prec_\(i)_\(j)", base, lower: 0)
            model.addCommunicationRows(problem, edge, base: base, producer: x[i], consumer: x[j])
        }
        // Reachability, to find unordered pairs.
        var reach = [Set<Int>](repeating: [], count: n)
        for i in (0..<n).reversed() {
            for edge in problem.outgoing[i] { reach[i].insert(edge.consumer); reach[i].formUnion(reach[edge.consumer]) }
        }
        for i in 0..<n {
            for j in (i + 1)..<n where !reach[i].contains(j) && !reach[j].contains(i) {
                // Windows that cannot overlap fix the order in every schedule no longer than bigM.
                if latest[i] + fastest[i] <= head[j] || latest[j] + fastest[j] <= head[i] { continue }
                let shared = (0..<units).filter { x[i][$0] != nil && x[j][$0] != nil }
                guard !shared.isEmpty else { continue }
                let o = model.addVariable(MILPVariable(name: "o_\(i)_\(j)", kind: .binary, lowerBound: 0, upperBound: 1))
                order.append((i, j, o))
                for u in shared {
                    let (xi, xj) = (x[i][u]!, x[j][u]!)
                    // Smallest big-Ms that keep the relaxed rows slack for every start in the windows.
                    let before = max(0, latest[i] + problem.exec(i, u)! - head[j])
                    let after = max(0, latest[j] + problem.exec(j, u)! - head[i])
                    model.addNonOverlapRows(i, j, unit: u, starts: (s[i], s[j]), order: o, assigned: (xi, xj),
                                            durations: (problem.exec(i, u)!, problem.exec(j, u)!), bigM: (before, after))
                }
            }
        }
    }

    /// Variable values representing a schedule (the warm start).
    func values(for schedule: Schedule) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        for (i, placed) in schedule.operators.enumerated() {
            if let column = x[i][placed.unit] { values[column] = 1 }
            values[s[i]] = placed.startUS
        }
        values[c] = schedule.makespanUS
        for (i, j, column) in order {
            values[column] = schedule.operators[i].startUS <= schedule.operators[j].startUS ? 1 : 0
        }
        return values
    }

    func decode(_ values: [Double]) -> (assignment: [Int], starts: [Double]) {
        let assignment = (0..<problem.operatorCount).map { i in
            (0..<problem.unitCount).max { a, b in (x[i][a].map { values[$0] } ?? -1) < (x[i][b].map { values[$0] } ?? -1) }!
        }
        return (assignment, s.map { values[$0] })
    }
}
