import GLPKSolver
import HeteroRecords

/// The exact scheduling MILP (`ExactFormulation`) restricted to a window of operators: the
/// subproblem of a large-neighbourhood search step (Shaw 1998, "Using constraint programming and
/// local search methods to solve vehicle routing problems"; for scheduling, the fixed-sequence
/// neighbourhoods of Pisinger & Ropke 2010, "Large neighborhood search").
///
/// Operators outside the window W keep their unit a(k) and their order on it; every start time
/// stays free, so the whole schedule can move. Window operators choose a unit and a slot:
/// - s(k) >= 0 for every operator, C >= s(k) + d(k) the makespan (minimised), C <= the incumbent's;
/// - every edge k→j: s_j >= s_k + d_k + c_kj, the communication a constant between fixed operators
///   and, with a window end, sum_u c(a, u)·x(i,u) (inside W: the exact formulation's rows);
/// - on each unit, the fixed operators in the incumbent's order: s_next >= s_prev + d_prev;
/// - a window operator w on unit u takes one gap g of u's fixed sequence: z(w,u,g) binary,
///   sum_g z(w,u,g) = x(w,u), and z forces s_w >= end of the operator before g and
///   s_w + p(w,u) <= start of the one after g. Only gaps whose neighbours started within
///   `slotReach` of the incumbent's makespan from w's incumbent start are offered;
/// - unordered pairs inside W do not overlap on a shared unit (ordering binaries).
/// A small weight on the start times breaks ties towards earlier starts. With durations and
/// transfer times as in the list scheduler (the classic model), list-scheduling the solution's
/// units in the order of its starts reproduces a makespan at most C.
///
/// `Ordering.loadRelaxed` is the assignment-only variant for wide windows, whose pair and slot
/// binaries grow with |W|² and |W|·units·gaps: window operators choose units only, and no
/// operator keeps an order on its unit (no slots, pairs or fixed sequences); instead C >= every
/// unit's load (its fixed operators' time plus sum_w p(w,u)·x(w,u)). With the precedence and
/// communication rows, C is the longer of the most loaded unit and the longest path: a
/// relaxation of the window's scheduling problem in which the fixed operators may be reordered
/// too. The solution's starts may overlap on a unit: the list scheduler orders the plan
/// afterwards. It is a weak guide (Results/window-probe.md: on classic ccr5 40-40002 its
/// optimum over the 11 tasks CP-SAT places elsewhere is 269.02 us against a plan of 339.51 us,
/// and its assignment order-searched is 369.18 us), so neither ordering is on by default.
struct WindowFormulation {
    /// How window operators share units with each other and with fixed operators.
    typealias Ordering = PlanOptions.WindowOrdering

    let problem: PlanProblem
    let window: [Int]
    let ordering: Ordering
    private(set) var model: MILPModel
    /// x[w][u]: column of x(window[w], u), nil when u cannot run it.
    private(set) var x: [[Int?]] = []
    /// Start column of every operator.
    private(set) var s: [Int] = []
    private(set) var c = 0
    /// Ordering binaries between window operators (first before second when 1).
    private(set) var pairs: [(a: Int, b: Int, column: Int)] = []
    /// Slot binaries: window operator w in gap g of unit u's fixed sequence.
    private(set) var slots: [(w: Int, u: Int, gap: Int, column: Int)] = []
    /// Fixed operators of each unit in the incumbent's order.
    private let sequences: [[Int]]
    /// Weight of the start-time tie-break.
    static let startWeight = 1e-4
    /// Gaps offered to a window operator: neighbours within this fraction of the makespan.
    static let slotReach = 0.25

    init(problem: PlanProblem, window: [Int], incumbent: Schedule, ordering: Ordering = .exact) {
        self.problem = problem
        self.window = window
        self.ordering = ordering
        let inWindow = Set(window)
        sequences = incumbent.unitQueues.map { $0.filter { !inWindow.contains($0) } }
        model = MILPModel(name: "window-schedule", sense: .minimize)
        build(incumbent)
    }

    private mutating func build(_ incumbent: Schedule) {
        let units = problem.unitCount
        let n = problem.operatorCount
        let index = Dictionary(uniqueKeysWithValues: window.enumerated().map { ($1, $0) })
        let placed = incumbent.operators
        let horizon = incumbent.makespanUS
        let longest = window.flatMap { i in (0..<units).compactMap { problem.exec(i, $0) } }.max() ?? 0
        let bigM = horizon + longest
        let weight = Self.startWeight / Double(n)
        for i in window {
            x.append((0..<units).map { u in
                problem.exec(i, u) == nil ? nil : model.addVariable(MILPVariable(name: "x_\(i)_\(u)", kind: .binary, lowerBound: 0, upperBound: 1))
            })
        }
        for k in 0..<n {
            s.append(model.addVariable(MILPVariable(name: "s_\(k)", kind: .continuous, lowerBound: 0, upperBound: horizon, objective: weight)))
        }
        c = model.addVariable(MILPVariable(name: "C", kind: .continuous, lowerBound: 0, upperBound: horizon, objective: 1))
        /// Duration terms of an operator: a constant for fixed ones, p(i,u)·x(i,u) for window ones.
        func duration(_ k: Int) -> (terms: [(Int, Double)], constant: Double) {
            guard let w = index[k] else { return ([], problem.exec(k, placed[k].unit) ?? 0) }
            return ((0..<units).compactMap { u in x[w][u].map { ($0, problem.exec(k, u)!) } }, 0)
        }
        for k in 0..<n {
            let d = duration(k)
            model.addRow("end_\(k)", [(c, 1), (s[k], -1)] + d.terms.map { ($0.0, -$0.1) }, lower: d.constant)
        }
        for w in window.indices {
            model.addRow("assign_\(window[w])", (0..<units).compactMap { x[w][$0].map { ($0, 1.0) } }, lower: 1, upper: 1)
        }
        for edge in problem.edges {
            let (i, j) = (edge.producer, edge.consumer)
            let d = duration(i)
            let base = [(s[j], 1.0), (s[i], -1.0)] + d.terms.map { ($0.0, -$0.1) }
            switch (index[i], index[j]) {
            case (nil, nil):
                model.addRow("prec_\(i)_\(j)", base, lower: d.constant + problem.communication(edge, from: placed[i].unit, to: placed[j].unit))
            case (nil, let v?):
                let arrival = (0..<units).compactMap { u in x[v][u].map { ($0, -problem.communication(edge, from: placed[i].unit, to: u)) } }
                model.addRow("prec_\(i)_\(j)", base + arrival, lower: d.constant)
            case (let w?, nil):
                let delivery = (0..<units).compactMap { u in x[w][u].map { ($0, -problem.communication(edge, from: u, to: placed[j].unit)) } }
                model.addRow("prec_\(i)_\(j)", base + delivery, lower: 0)
            case (let w?, let v?):
                model.addRow("prec_\(i)_\(j)", base, lower: 0)
                model.addCommunicationRows(problem, edge, base: base, producer: x[w], consumer: x[v])
            }
        }
        // Load-relaxed: every operator's order is left to the list scheduler, the fixed ones' too.
        for (u, sequence) in sequences.enumerated() where ordering == .exact {
            for (previous, next) in zip(sequence, sequence.dropFirst()) {
                model.addRow("seq_\(u)_\(previous)_\(next)", [(s[next], 1), (s[previous], -1)], lower: duration(previous).constant)
            }
        }
        switch ordering {
        case .exact: addOrderingRows(incumbent, bigM: bigM)
        case .loadRelaxed: addLoadRows()
        }
    }

    /// C >= each unit's load: its fixed operators' time plus the window operators it takes.
    private mutating func addLoadRows() {
        for u in 0..<problem.unitCount {
            let fixed = sequences[u].reduce(0.0) { $0 + (problem.exec($1, u) ?? 0) }
            let taken = window.indices.compactMap { w in x[w][u].map { ($0, -problem.exec(window[w], u)!) } }
            guard !taken.isEmpty else { continue }
            model.addRow("load_\(u)", [(c, 1)] + taken, lower: fixed)
        }
    }

    /// Ordering binaries between window operators and slot binaries in the fixed sequences.
    private mutating func addOrderingRows(_ incumbent: Schedule, bigM: Double) {
        let units = problem.unitCount
        let placed = incumbent.operators
        let horizon = incumbent.makespanUS
        let reach = WindowReach(problem: problem, window: window)
        for a in window.indices {
            for b in (a + 1)..<window.count where !reach.ordered(a, b) {
                let shared = (0..<units).filter { x[a][$0] != nil && x[b][$0] != nil }
                guard !shared.isEmpty else { continue }
                let o = model.addVariable(MILPVariable(name: "o_\(window[a])_\(window[b])", kind: .binary, lowerBound: 0, upperBound: 1))
                pairs.append((a, b, o))
                for u in shared {
                    model.addNonOverlapRows(window[a], window[b], unit: u, starts: (s[window[a]], s[window[b]]), order: o,
                                            assigned: (x[a][u]!, x[b][u]!),
                                            durations: (problem.exec(window[a], u)!, problem.exec(window[b], u)!), bigM: (bigM, bigM))
                }
            }
        }
        let reachUS = Self.slotReach * horizon
        for (w, i) in window.enumerated() {
            for u in 0..<units {
                guard let xw = x[w][u] else { continue }
                let sequence = sequences[u]
                let own = placed[i].unit == u ? Self.gap(of: i, in: incumbent.unitQueues[u], sequence: sequence) : nil
                var offered: [(Int, Int)] = []
                for gap in 0...sequence.count {
                    let before = gap > 0 ? placed[sequence[gap - 1]].startUS : -Double.infinity
                    let after = gap < sequence.count ? placed[sequence[gap]].startUS : Double.infinity
                    guard gap == own || (after >= placed[i].startUS - reachUS && before <= placed[i].startUS + reachUS) else { continue }
                    let z = model.addVariable(MILPVariable(name: "z_\(i)_\(u)_\(gap)", kind: .binary, lowerBound: 0, upperBound: 1))
                    slots.append((w, u, gap, z))
                    offered.append((z, gap))
                    let p = problem.exec(i, u)!
                    if gap > 0 {
                        let previous = sequence[gap - 1]
                        let fixedDuration = problem.exec(previous, placed[previous].unit) ?? 0
                        model.addRow("after_\(previous)_\(i)", [(s[i], 1), (s[previous], -1), (z, -bigM)], lower: fixedDuration - bigM)
                    }
                    if gap < sequence.count {
                        model.addRow("before_\(i)_\(sequence[gap])", [(s[sequence[gap]], 1), (s[i], -1), (z, -bigM)], lower: p - bigM)
                    }
                }
                model.addRow("slot_\(i)_\(u)", offered.map { ($0.0, 1.0) } + [(xw, -1)], lower: 0, upper: 0)
            }
        }
    }

    /// The gap of `op`'s unit sequence (without window operators) where the incumbent runs it.
    private static func gap(of op: Int, in queue: [Int], sequence: [Int]) -> Int {
        let position = queue.firstIndex(of: op) ?? 0
        let fixedBefore = Set(queue[..<position])
        return sequence.filter { fixedBefore.contains($0) }.count
    }

    /// Variable values representing the incumbent (the warm start).
    func values(for incumbent: Schedule) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        let placed = incumbent.operators
        for (w, i) in window.enumerated() { if let column = x[w][placed[i].unit] { values[column] = 1 } }
        for k in placed.indices { values[s[k]] = placed[k].startUS }
        values[c] = incumbent.makespanUS
        for (a, b, column) in pairs { values[column] = placed[window[a]].startUS <= placed[window[b]].startUS ? 1 : 0 }
        for (w, u, gap, column) in slots where placed[window[w]].unit == u {
            values[column] = gap == Self.gap(of: window[w], in: incumbent.unitQueues[u], sequence: sequences[u]) ? 1 : 0
        }
        return values
    }

    /// The window's units, and every operator's start, in a solution.
    func decode(_ values: [Double]) -> (units: [Int], starts: [Double]) {
        let units = window.indices.map { w in
            (0..<problem.unitCount).max { a, b in (x[w][a].map { values[$0] } ?? -1) < (x[w][b].map { values[$0] } ?? -1) }!
        }
        return (units, s.map { values[$0] })
    }
}
