import GLPKSolver

extension LowerBound {
    /// Limits of the LP bound, counted in work so the bound is the same on every machine.
    public struct RelaxationBudget: Sendable {
        /// Graphs with more operators get only the combinatorial bounds (the LP of a
        /// 668-operator graph took seconds, more than the rest of planning with HEFT).
        public var maximumOperators: Int
        /// Problems with more (operator, unit) pairs get only the combinatorial bounds: the LP
        /// has a variable per pair and per (edge, unit), and building it visits every pair of
        /// units per edge (SqueezeNet on a CPU and 64 tiles: 4,290 pairs, minutes). The shipped
        /// platforms (at most 6 units, the LP at most 250 operators) stay below.
        public var maximumAssignments: Int
        /// Simplex iterations; a relaxation that needs more gives no bound.
        public var iterations: Int
        /// The whole graph's LP gets its stream-path rows (`RelaxationFormulation`'s `streamSlackLimit`)
        /// only while they need at most this many slack variables (operators times units whose
        /// stream path can bind): on the VC1902 they made the LP of ResNet-50 (880 slacks) and
        /// Inception-v1 (715) take seconds without raising their bound; AlexNet, ZFNet and VGG-19
        /// (at most 230), which they raise, stay below.
        public var maximumStreamSlacks: Int

        public init(maximumOperators: Int = 250, maximumAssignments: Int = 2_000, iterations: Int = 20_000,
                    maximumStreamSlacks: Int = 500) {
            self.maximumOperators = maximumOperators
            self.maximumAssignments = maximumAssignments
            self.iterations = iterations
            self.maximumStreamSlacks = maximumStreamSlacks
        }
    }

    /// The optimum of `RelaxationFormulation` (loads, critical path and transfers combined, with
    /// a fractional assignment) solved by GLPK, less a relative 1e-6 for the simplex's
    /// tolerances; nil when the problem is over the budget's sizes, the simplex stops at its
    /// iteration limit, or GLPK fails (a bound is never worth failing a plan for).
    /// The whole graph's program counts the units' stream paths (`streamPaths`,
    /// `LowerBound.streamDemand`).
    public static func relaxation(_ problem: PlanProblem, budget: RelaxationBudget = RelaxationBudget()) -> Double? {
        relaxation(problem, operators: Array(0..<problem.operatorCount), budget: budget, streamPaths: true)
    }

    /// `relaxation` of the subgraph `operators` (ascending) induce: a bound on the time from the
    /// first of them starting to the last finishing.
    /// `streamPaths` only on the whole graph (see `RelaxationFormulation`).
    static func relaxation(_ problem: PlanProblem, operators: [Int], budget: RelaxationBudget, streamPaths: Bool = false) -> Double? {
        guard !operators.isEmpty, operators.count <= budget.maximumOperators,
              operators.count * problem.unitCount <= budget.maximumAssignments else { return nil }
        let formulation = RelaxationFormulation(problem: problem, operators: operators,
                                                streamSlackLimit: streamPaths ? budget.maximumStreamSlacks : 0)
        var options = MILPOptions()
        options.rootIterationLimit = budget.iterations
        guard let solution = try? GLPKSolver.solve(formulation.model, options: options), solution.status == .optimal,
              let objective = solution.objective, objective.isFinite else { return nil }
        return max(0, objective * (1 - 1e-6))
    }

    /// The better of the whole graph's LP (`relaxation`) and the sum over its pieces
    /// (`segmented`); nil when neither applies.
    public static func relaxed(_ problem: PlanProblem, budget: RelaxationBudget = RelaxationBudget()) -> Double? {
        let whole = relaxation(problem, budget: budget)
        let pieces = segmented(problem, budget: budget)
        guard whole != nil || pieces != nil else { return nil }
        return max(whole ?? 0, pieces ?? 0)
    }

    /// `makespan` with the LP bounds: what every plan reports.
    public static func strongest(_ problem: PlanProblem, solverBound: Double? = nil,
                                 budget: RelaxationBudget = RelaxationBudget()) -> Double {
        max(makespan(problem, solverBound: solverBound), relaxed(problem, budget: budget) ?? 0)
    }
}
