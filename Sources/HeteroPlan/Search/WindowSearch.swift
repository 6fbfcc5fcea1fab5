import GLPKSolver
import HeteroRecords

/// Large-neighbourhood search with GLPK (Shaw 1998; Ropke & Pisinger 2006): repeatedly free a
/// window of the incumbent — a stretch of its critical path, the tasks around its costliest
/// transfer, or a random connected region — fix everything else, solve the window's assignment
/// and order with `WindowFormulation` (warm-started with the incumbent, stopped by a GLPK node
/// limit, never a clock, so runs are reproducible), list-schedule the whole graph with the
/// window's new units and starts, and keep the result when the true objective improves.
///
/// This escapes the refiner's local optima: a window re-solves the units of up to
/// `Budget.maximumWindow` operators at once, where the refiner moves one operator or one group.
/// Optional wide windows (`Budget.wideWindows`, 10-30 operators) follow, in the exact or the
/// load-relaxed formulation (`WindowFormulation.Ordering`). Latency only (the window MILP
/// models the makespan).
struct WindowSearch {
    /// The search's work limits, counted in windows and GLPK work.
    struct Budget {
        /// Windows solved.
        var windows: Int
        /// GLPK's limits per window: nodes, branch-and-cut work, LP relaxation iterations.
        var perWindow: SolverBudget
        /// Operators per window, drawn uniformly in this range.
        var minimumWindow = 4
        var maximumWindow = 8
        /// Wide windows solved after the small ones: connected regions of `wideSizes` operators
        /// (issue 13's "random connected region of 10-30 operators"), grown from the critical
        /// path or from a random operator, within `widePerWindow`.
        var wideWindows = 0
        var widePerWindow = SolverBudget(nodes: 0, work: 0, rootIterations: 0)
        var wideSizes = 10...30
        var wideOrdering = WindowFormulation.Ordering.exact
        /// Annealing evaluations for a wide window's plan within `polishWithin` of the incumbent.
        var widePolish = 0

        static func `default`(_ options: PlanOptions) -> Budget {
            Budget(windows: options.windowSearchWindows,
                   perWindow: SolverBudget(nodes: options.windowSearchNodes, work: options.windowSearchWork,
                                           rootIterations: options.rootIterations),
                   wideWindows: options.wideWindows,
                   widePerWindow: SolverBudget(nodes: options.wideWindowNodes, work: options.wideWindowWork,
                                               rootIterations: options.rootIterations),
                   wideOrdering: options.wideWindowOrdering, widePolish: options.wideWindowPolish)
        }
    }

    /// How a window is chosen; the search cycles through them.
    enum WindowKind: String, CaseIterable {
        case criticalPath = "critical-path"
        case transfer
        case region
    }

    let problem: PlanProblem
    let budget: Budget
    /// Operators that may be freed (not members of fused composites, whose duration depends on
    /// their partners' units).
    let movable: [Bool]
    private(set) var records: [SearchRecord] = []
    /// GLPK nodes used in total.
    private(set) var nodes = 0

    init(problem: PlanProblem, budget: Budget) {
        self.problem = problem
        self.budget = budget
        movable = Self.movable(problem)
    }

    /// Whether each operator may be freed: not a member of a fused composite.
    static func movable(_ problem: PlanProblem) -> [Bool] {
        var movable = [Bool](repeating: true, count: problem.operatorCount)
        for member in problem.costs.composites.joined() { movable[member] = false }
        return movable
    }

    /// Improves `start` window by window; `refiner` evaluates candidates (and counts evaluations).
    /// The small windows come first, then the wide ones (their own random stream, so the small
    /// windows' plans do not depend on how many wide ones follow). The window and node limits end
    /// it; under a requested time cap it also stops once the refiner's clock has expired.
    mutating func improve(_ start: Refiner.Candidate, refiner: inout Refiner, seed: UInt64) throws(PlanError) -> Refiner.Candidate {
        guard problem.unitCount > 1, problem.operatorCount > 1 else { return start }
        var rng = SplitMix64(seed: seed ^ 0x57_1D_0E)
        var best = start
        var transferRank = 0
        for round in 0..<max(0, budget.windows) where !refiner.clock.expired() {
            let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
            let size = budget.minimumWindow + Int(rng.next() % UInt64(budget.maximumWindow - budget.minimumWindow + 1))
            let kind = WindowKind.allCases[round % WindowKind.allCases.count]
            let window = choose(kind, size: size, incumbent: incumbent, rng: &rng, transferRank: &transferRank)
            best = try solve(window, kind: kind, incumbent: incumbent, best: best, perWindow: budget.perWindow, ordering: .exact,
                             polish: 0, refiner: &refiner)
        }
        var wide = SplitMix64(seed: seed ^ 0x3A_71DE)
        for round in 0..<max(0, budget.wideWindows) where !refiner.clock.expired() {
            let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
            let size = budget.wideSizes.lowerBound + Int(wide.next() % UInt64(budget.wideSizes.count))
            let kind = Self.wideKinds[round % Self.wideKinds.count]
            let window = choose(kind, size: size, incumbent: incumbent, rng: &wide, transferRank: &transferRank)
            best = try solve(window, kind: kind, incumbent: incumbent, best: best, perWindow: budget.widePerWindow,
                             ordering: budget.wideOrdering, polish: budget.widePolish, refiner: &refiner)
        }
        return best
    }

    /// The kinds of wide window, in turn: grown from a stretch of the critical path, or from a
    /// random operator.
    static let wideKinds: [WindowKind] = [.criticalPath, .region]

    /// A polished wide-window plan must be within this factor of the incumbent.
    static let polishWithin = 1.03
    /// The polish mostly reorders (a load-relaxed window leaves the order to the list scheduler):
    /// out of 5 draws, 4 are exchanges (an operator moved in the priority order, or two operators'
    /// units swapped) and 1 moves one to another unit.
    static let polishMix = Refiner.MoveMix(operatorMoves: 1, groupMoves: 0, exchanges: 4)

    /// `window` re-solved by GLPK within `perWindow`, its units list-scheduled in the order of the
    /// solution's starts (and by actual ranks), annealed for `polish` evaluations when within
    /// `polishWithin` of `best`; the better of that and `best`.
    private mutating func solve(_ window: [Int], kind: WindowKind, incumbent: Schedule, best: Refiner.Candidate,
                                perWindow: SolverBudget, ordering: WindowFormulation.Ordering, polish: Int,
                                refiner: inout Refiner) throws(PlanError) -> Refiner.Candidate {
        guard window.count >= 2 else { return best }
        let formulation = WindowFormulation(problem: problem, window: window, incumbent: incumbent, ordering: ordering)
        let options = perWindow.apply(to: MILPOptions(warmStart: formulation.values(for: incumbent)), for: formulation.model)
        let (solution, _) = try SolverReport.solve(formulation.model, options: options)
        nodes += solution.stats.nodes ?? 0
        guard solution.stats.status.hasSolution, !solution.values.isEmpty else { return best }
        let (units, starts) = formulation.decode(solution.values)
        var assignment = best.assignment
        for (w, op) in window.enumerated() { assignment[op] = units[w] }
        let reassigned = window.filter { assignment[$0] != best.assignment[$0] }.count
        let order = (0..<problem.operatorCount).sorted { starts[$0] != starts[$1] ? starts[$0] < starts[$1] : $0 < $1 }
        var candidate = refiner.bestOrder(assignment, startOrder: order)
        if polish > 0, reassigned > 0, candidate.score < best.score * Self.polishWithin {
            candidate = refiner.anneal(from: candidate, seed: UInt64(nodes) ^ 0x90_11_5E, limit: refiner.evaluations + polish,
                                       patience: polish / 2, mix: Self.polishMix)
        }
        guard candidate.score < best.score - 1e-9 else { return best }
        if refiner.objective.improvesFigure(from: best.score, to: candidate.score) {
            records.append(.window(SearchRecord.WindowSummary(kind: kind.rawValue, operators: window.count, reassigned: reassigned,
                                                              from: best.score, to: candidate.score, nodes: solution.stats.nodes ?? 0)))
        }
        return candidate
    }
}
