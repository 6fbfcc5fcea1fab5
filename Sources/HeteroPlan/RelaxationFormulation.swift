import GLPKSolver

/// The linear program behind `LowerBound.relaxation`: the scheduling problem with the
/// one-operator-at-a-time rule replaced by per-unit load, and the assignment made fractional.
///
/// Variables: x(o,u) in [0,1] (the share of operator o on unit u, for units that can run it),
/// s(o) >= 0 its start, z(i→j,a) >= 0 the share of producer i on a that its consumer j is not on,
/// and the makespan C (minimised). With d(o) = sum_u t(o,u)·x(o,u), t the shortest time the
/// operator can take there (`PlanProblem.boundDuration`):
/// - assignment: sum_u x(o,u) = 1;
/// - load: C >= sum_o t(o,u)·x(o,u) for every unit (a unit runs one operator at a time);
/// - precedence: s(j) >= s(i) + d(i) + sum_a c(i→j,a)·z(i→j,a), with z(i→j,a) >= x(i,a) - x(j,a)
///   and c(i→j,a) the least time the edge's data can take from a to any other unit that can run
///   j (`PlanProblem.fastestCommunication`, the slowest of the pair's tensors), plus that unit's
///   submission cost when it is on another queue (`CostTable.startsSubmission`: the consumer then
///   opens a subgraph and pays it before it computes, as `LowerBound.communicatingPath` counts);
/// - makespan: C >= s(o) + d(o) for operators without consumers.
///
/// Every schedule gives a feasible point (x its assignment, s its starts, z 1 exactly where the
/// consumer runs elsewhere), so the LP optimum bounds every makespan from below. It is at least
/// the critical path (x on the fastest units, no loads) and the unrelated-units load bound
/// (`LowerBound.unitLoad`), and above both where the fast units cannot take the whole
/// critical path without overloading.
///
/// With a `streamSlackLimit` above 0, units whose stream path can carry more than their operators' shortest times
/// (`LowerBound.streamDemand` above `t`: weights that stream, or whose prefetch copies take the
/// unit's DMA path in the idle time of its other operators) get a slack duration y(o,u) >= 0 per
/// operator, added to d(o) and to the unit's load, and a row
/// - stream path: sum_o (t(o,u)·x(o,u) + y(o,u)) >= sum_o e(o,u)·x(o,u),
///   e = `LowerBound.streamDemand`: the unit's operators last at least what its stream path
///   carries. A schedule sets y(o,u) to the operator's time beyond t(o,u) on its unit (a closed
///   fused chain's re-timed members share the chain's interval, whose sum the row needs).
/// Not on pieces of a graph (`LowerBound.segmented`): a piece's copies may run in the idle time of
/// an earlier piece's operators. Nor when the slacks would number more than `streamSlackLimit`
/// (the rows only add to the bound, so leaving them out keeps it valid).
///
/// Built on a subset of the operators (`operators`), it is the same program for the subgraph
/// they induce — edges to and from other operators dropped — whose optimum bounds the time any
/// schedule spends from the subset's first start to its last finish (`LowerBound.segmented`).
struct RelaxationFormulation {
    let problem: PlanProblem
    /// The operators modelled, ascending; local index k is `operators[k]`.
    let operators: [Int]
    private(set) var model: MILPModel
    /// Column of the makespan C.
    private(set) var makespan = 0

    init(problem: PlanProblem, operators: [Int]? = nil, streamSlackLimit: Int = 0) {
        self.problem = problem
        self.operators = operators ?? Array(0..<problem.operatorCount)
        model = MILPModel(name: "makespan-relaxation", sense: .minimize)
        build(streamSlackLimit: streamSlackLimit)
    }

    private mutating func build(streamSlackLimit: Int) {
        let units = problem.unitCount
        let n = operators.count
        var local = [Int?](repeating: nil, count: problem.operatorCount)
        for (k, op) in operators.enumerated() { local[op] = k }
        let durations = problem.boundDurations
        let times = operators.map { op in (0..<units).map { durations[op, $0] } }
        let costs = problem.costs
        let handOffs = LowerBound.HandOffs(problem)
        let successors = operators.map { problem.successors[$0].compactMap { local[$0] } }
        var x: [[Int?]] = []
        for op in 0..<n {
            x.append((0..<units).map { u in
                times[op][u] == nil ? nil : model.addVariable(MILPVariable(name: "x_\(op)_\(u)", kind: .continuous, lowerBound: 0, upperBound: 1))
            })
        }
        let s = (0..<n).map { model.addVariable(MILPVariable(name: "s_\($0)", kind: .continuous, lowerBound: 0, upperBound: .infinity)) }
        makespan = model.addVariable(MILPVariable(name: "C", kind: .continuous, lowerBound: 0, upperBound: .infinity, objective: 1))
        // Stream-path demands, and the slack durations of the units where they can exceed t.
        let streamPaths = streamSlackLimit > 0 && costs.residentMemory.contains { $0 != nil }
        let demand = streamPaths ? operators.map { op in (0..<units).map { LowerBound.streamDemand(problem, op, $0) } } : []
        var streamUnits = streamPaths ? (0..<units).filter { u in
            (0..<n).contains { op in times[op][u].map { demand[op][u] > $0 * (1 + 1e-9) } ?? false }
        } : []
        if streamUnits.count * n > streamSlackLimit { streamUnits = [] }
        var slack = [[Int?]](repeating: [Int?](repeating: nil, count: units), count: n)
        for u in streamUnits {
            for op in 0..<n where x[op][u] != nil {
                slack[op][u] = model.addVariable(MILPVariable(name: "y_\(op)_\(u)", kind: .continuous, lowerBound: 0, upperBound: .infinity))
            }
        }
        func duration(_ op: Int) -> [(Int, Double)] {
            (0..<units).compactMap { u in x[op][u].map { ($0, times[op][u]!) } } + (0..<units).compactMap { u in slack[op][u].map { ($0, 1.0) } }
        }
        for u in streamUnits {
            var terms: [(Int, Double)] = []
            for op in 0..<n {
                guard let xu = x[op][u] else { continue }
                terms.append((xu, times[op][u]! - demand[op][u]))
                terms.append((slack[op][u]!, 1))
            }
            model.addRow("stream_\(u)", terms, lower: 0)
        }
        for op in 0..<n {
            model.addRow("assign_\(op)", (0..<units).compactMap { x[op][$0].map { ($0, 1.0) } }, lower: 1, upper: 1)
            if successors[op].isEmpty {
                model.addRow("makespan_\(op)", [(makespan, 1), (s[op], -1)] + duration(op).map { ($0.0, -$0.1) }, lower: 0)
            }
        }
        for u in 0..<units {
            let load = (0..<n).compactMap { op in x[op][u].map { ($0, -times[op][u]!) } } + (0..<n).compactMap { op in slack[op][u].map { ($0, -1.0) } }
            if !load.isEmpty { model.addRow("load_\(u)", [(makespan, 1)] + load, lower: 0) }
        }
        for i in 0..<n {
            for j in successors[i] {
                let tensors = problem.outgoing[operators[i]].filter { $0.consumer == operators[j] }
                var terms = [(s[j], 1.0), (s[i], -1.0)] + duration(i).map { ($0.0, -$0.1) }
                for a in 0..<units {
                    guard let xa = x[i][a] else { continue }
                    let others = (0..<units).filter { $0 != a && x[j][$0] != nil }
                    let least = others.map { b in
                        tensors.map { handOffs.cost($0, from: a, to: b) }.max() ?? 0
                    }.min() ?? 0
                    guard least > 0 else { continue }
                    let z = model.addVariable(MILPVariable(name: "z_\(i)_\(j)_\(a)", kind: .continuous, lowerBound: 0, upperBound: 1))
                    var share = [(z, 1.0), (xa, -1.0)]
                    if let xb = x[j][a] { share.append((xb, 1.0)) }
                    model.addRow("split_\(i)_\(j)_\(a)", share, lower: 0)
                    terms.append((z, -least))
                }
                model.addRow("prec_\(i)_\(j)", terms, lower: 0)
            }
        }
    }
}
