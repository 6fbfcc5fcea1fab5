import GLPKSolver
import HeteroRecords

extension OptimizeStrategy {
    /// What the coarse assignment MILP contributed.
    struct CoarseILPOutcome {
        /// The decoded assignment and the better of its two priority orders, when GLPK found one.
        var candidate: Refiner.Candidate?
        var decisions: [Decision]
        var solver: SolverReport?
        /// A proven makespan lower bound, when the model relaxes the fine problem.
        var lowerBoundUS: Double?
        var solverSeconds: Double?
    }

    /// Solves `CoarseFormulation` with GLPK, warm-started with the seed's assignment, within a
    /// node limit (deterministic) and a share of the time left (a safety cap), and decodes it with
    /// the list scheduler.
    func coarseILP(_ problem: PlanProblem, _ coarsening: Coarsening, seed: [Int], refiner: inout Refiner,
                   options: PlanOptions, deadline: Double) throws(PlanError) -> CoarseILPOutcome {
        let assignments = coarsening.groups.count * problem.unitCount
        guard assignments <= options.coarseILPMaxAssignments else {
            return CoarseILPOutcome(decisions: [Decision(kind: .strategy, subject: "coarse ILP",
                                                         reason: "skipped: \(coarsening.groups.count) groups × \(problem.unitCount) units exceed the \(options.coarseILPMaxAssignments) assignment variables GLPK branches on within a planning-time budget")])
        }
        let formulation = CoarseFormulation(problem: problem, coarsening: coarsening)
        guard formulation.topologicalOrder != nil else {
            return CoarseILPOutcome(decisions: [Decision(kind: .strategy, subject: "coarse ILP",
                                                         reason: "skipped: the quotient graph of the groups has a cycle")])
        }
        var decisions = formulation.memoryExclusions.map { exclusion in
            Decision(kind: .composite, subject: "group of \(problem.graph.operators[coarsening.groups[exclusion.group][0]].label)",
                     reason: "kept off \(problem.costs.unitNames[exclusion.unit]) in the coarse ILP: its activations exceed that unit's memory")
        }
        let remaining = max(0.05, deadline - Clock.now())
        var milpOptions = MILPOptions(timeLimit: .milliseconds(Int64(max(50, min(remaining * 0.3, options.coarseILPSeconds) * 1000))),
                                      warmStart: formulation.values(for: seed), lpDumpPath: options.dumpLPPath)
        // The size limit above keeps each node's LP small enough that the deterministic node
        // limit, not the clock, ends the search.
        let nodes = options.coarseILPNodes
        milpOptions.nodeLimit = nodes
        let (solution, report) = try SolverReport.solve(formulation.model, options: milpOptions)
        let stats = solution.stats
        let bound = formulation.boundsFineProblem && !stats.hitTimeLimit ? stats.bestBound : nil
        func describe(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        var summary = "GLPK on \(coarsening.groups.count) groups × \(problem.unitCount) units: \(stats.status), relaxed makespan \(describe(stats.objective)) us, bound \(describe(stats.bestBound)) us, \(stats.nodes ?? 0) nodes"
        if stats.hitNodeLimit { summary += " (node limit \(nodes))" }
        if stats.hitTimeLimit { summary += " (time cap: this plan may differ between runs)" }
        guard stats.status.hasSolution, !solution.values.isEmpty else {
            decisions.append(Decision(kind: .strategy, subject: "coarse ILP", reason: summary + "; no assignment to project"))
            return CoarseILPOutcome(decisions: decisions, solver: report, lowerBoundUS: bound, solverSeconds: stats.wallSeconds)
        }
        // Projection: every member takes its group's unit; the order comes from the MILP's group
        // starts (members in dependency order) or from ranks under the new assignment.
        let (assignment, groupStart) = formulation.decode(solution.values)
        let byStart = (0..<problem.operatorCount).sorted {
            let (a, b) = (groupStart[coarsening.groupOf[$0]], groupStart[coarsening.groupOf[$1]])
            return a != b ? a < b : $0 < $1
        }
        let candidate = refiner.bestOrder(assignment, startOrder: byStart)
        summary += String(format: "; projected and list-scheduled: %.3f us", candidate.score)
        decisions.append(Decision(kind: .strategy, subject: "coarse ILP", reason: summary))
        return CoarseILPOutcome(candidate: candidate, decisions: decisions, solver: report, lowerBoundUS: bound,
                                solverSeconds: stats.wallSeconds)
    }
}
