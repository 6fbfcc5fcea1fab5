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
/// Latency only (the window MILP models the makespan).
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

        static func `default`(_ options: PlanOptions) -> Budget {
            Budget(windows: options.windowSearchWindows,
                   perWindow: SolverBudget(nodes: options.windowSearchNodes, work: options.windowSearchWork,
                                           rootIterations: options.rootIterations))
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
        var movable = [Bool](repeating: true, count: problem.operatorCount)
        for member in problem.costs.composites.joined() { movable[member] = false }
        self.movable = movable
    }

    /// Improves `start` window by window; `refiner` evaluates candidates (and counts evaluations).
    /// The window and node limits end it; under a requested time cap it also stops once the
    /// refiner's clock has expired.
    mutating func improve(_ start: Refiner.Candidate, refiner: inout Refiner, seed: UInt64) throws(PlanError) -> Refiner.Candidate {
        guard problem.unitCount > 1, problem.operatorCount > 1, budget.windows > 0 else { return start }
        var rng = SplitMix64(seed: seed ^ 0x57_1D_0E)
        var best = start
        var transferRank = 0
        for round in 0..<budget.windows where !refiner.clock.expired() {
            let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
            let size = budget.minimumWindow + Int(rng.next() % UInt64(budget.maximumWindow - budget.minimumWindow + 1))
            let kind = WindowKind.allCases[round % WindowKind.allCases.count]
            let window = choose(kind, size: size, incumbent: incumbent, rng: &rng, transferRank: &transferRank)
            guard window.count >= 2 else { continue }
            let formulation = WindowFormulation(problem: problem, window: window, incumbent: incumbent)
            let options = budget.perWindow.apply(to: MILPOptions(warmStart: formulation.values(for: incumbent)), for: formulation.model)
            let (solution, _) = try SolverReport.solve(formulation.model, options: options)
            nodes += solution.stats.nodes ?? 0
            guard solution.stats.status.hasSolution, !solution.values.isEmpty else { continue }
            let (units, starts) = formulation.decode(solution.values)
            var assignment = best.assignment
            for (w, op) in window.enumerated() { assignment[op] = units[w] }
            let key = starts
            let reassigned = window.filter { assignment[$0] != best.assignment[$0] }.count
            let order = (0..<problem.operatorCount).sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
            let candidate = refiner.bestOrder(assignment, startOrder: order)
            if candidate.score < best.score - 1e-9 {
                if refiner.objective.improvesFigure(from: best.score, to: candidate.score) {
                    records.append(.window(SearchRecord.WindowSummary(kind: kind.rawValue, operators: window.count, reassigned: reassigned,
                                                                      from: best.score, to: candidate.score, nodes: solution.stats.nodes ?? 0)))
                }
                best = candidate
            }
        }
        return best
    }
}
