import HeteroRecords

/// Large-neighbourhood search whose windows are solved by enumeration instead of GLPK: each
/// round frees a connected window of the incumbent — alternately a stretch of its critical path
/// grown to the window size and a region grown from a random operator (`WindowSearch.grow`) —
/// and `AssignmentEnumeration` finds the window's best units under the incumbent's priority order
/// by branch and bound on the list schedule itself. The winner is evaluated by the refiner (in the
/// incumbent's order and by actual ranks) and replaces the incumbent only when it scores better.
///
/// Issue 13's two CCR-5 outliers need moves of 5+ operators that GLPK's big-M window MILP cannot
/// find (its LP bound is weak: Results/window-probe.md); here the list schedule's prefix is exact,
/// so the bound prunes on real times. Windows and placements per window are the limits, never a
/// clock, so the plan is a function of the inputs and options.
struct EnumerationSearch {
    struct Budget {
        var windows: Int
        /// Operators per window.
        var size: Int
        /// Placements (`AssignmentEnumeration.workLimit`) per window.
        var work: Int

        static func `default`(_ options: PlanOptions) -> Budget {
            Budget(windows: options.enumerationWindows, size: options.enumerationWindowSize, work: options.enumerationWork)
        }
    }

    let problem: PlanProblem
    let budget: Budget
    /// Operators that may be freed (not members of fused composites).
    let movable: [Bool]
    private(set) var records: [SearchRecord] = []

    init(problem: PlanProblem, budget: Budget) {
        self.problem = problem
        self.budget = budget
        movable = WindowSearch.movable(problem)
    }

    /// Improves `start` window by window; `refiner` evaluates the windows' winners.
    mutating func improve(_ start: Refiner.Candidate, refiner: inout Refiner, seed: UInt64) -> Refiner.Candidate {
        guard problem.unitCount > 1, problem.operatorCount > 1, budget.size > 0, AssignmentEnumeration.applies(problem) else { return start }
        var rng = SplitMix64(seed: seed ^ 0xE9_0E_4A7E)
        var best = start
        for round in 0..<max(0, budget.windows) where !refiner.clock.expired() {
            let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
            let fromCriticalPath = round % 2 == 0
            let window = choose(fromCriticalPath: fromCriticalPath, incumbent: incumbent, rng: &rng)
            guard window.count >= 2 else { continue }
            let used = Set(best.assignment)
            var search = AssignmentEnumeration(problem: problem, window: window, incumbent: best.assignment, priority: best.priority,
                                               makespan: incumbent.makespanUS,
                                               targets: { refiner.symmetry.moveTargets(refiner.opUnits[$0], used: used) },
                                               workLimit: budget.work)
            search.run()
            guard search.bestMakespan < incumbent.makespanUS - 1e-9 else { continue }
            let candidate = refiner.bestOrder(search.best, startOrder: best.priority)
            guard candidate.score < best.score - 1e-9 else { continue }
            if refiner.objective.improvesFigure(from: best.score, to: candidate.score) {
                let moved = window.filter { candidate.assignment[$0] != best.assignment[$0] }.count
                records.append(.enumeratedWindow(SearchRecord.WindowSummary(
                    kind: fromCriticalPath ? "critical-path" : "region", operators: window.count, reassigned: moved,
                    from: best.score, to: candidate.score, nodes: search.nodes)))
            }
            best = candidate
        }
        return best
    }

    /// A stretch of the incumbent's critical path (at a random offset when longer than the
    /// window) grown to the window size, or a region grown from a random operator.
    func choose(fromCriticalPath: Bool, incumbent: Schedule, rng: inout SplitMix64) -> [Int] {
        var core: [Int] = []
        if fromCriticalPath {
            let path = WindowSearch.criticalPath(problem, incumbent).filter { movable[$0] }
            let offset = path.count > budget.size ? Int(rng.next() % UInt64(path.count - budget.size + 1)) : 0
            core = Array(path[min(offset, path.count)..<min(path.count, offset + budget.size)])
        }
        return WindowSearch.grow(core, to: budget.size, problem: problem, movable: movable, rng: &rng)
    }
}
