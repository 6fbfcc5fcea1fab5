import GLPKSolver
import HeteroRecords

extension OptimizeStrategy {
    /// What the coarse assignment MILP contributed.
    struct CoarseILPOutcome {
        /// The decoded assignment and the better of its two priority orders, when GLPK found one.
        var candidate: Refiner.Candidate?
        var records: [SearchRecord]
        var solver: SolverReport?
        /// A proven makespan lower bound, when the model relaxes the fine problem.
        var lowerBoundUS: Double?
        var solverSeconds: Double?
    }

    /// Solves `CoarseFormulation` with GLPK, warm-started with the seed's assignment, within a
    /// `SolverBudget` (deterministic; under a requested time cap also within 30% of the time
    /// left), and decodes it with the list scheduler.
    func coarseILP(_ problem: PlanProblem, _ coarsening: Coarsening, seed: [Int], refiner: inout Refiner,
                   options: PlanOptions, clock: SearchClock) throws(PlanError) -> CoarseILPOutcome {
        let assignments = coarsening.groups.count * problem.unitCount
        guard assignments <= options.coarseILPMaxAssignments else {
            return CoarseILPOutcome(records: [.coarseILPTooLarge(groups: coarsening.groups.count, units: problem.unitCount,
                                                                 limit: options.coarseILPMaxAssignments)])
        }
        let formulation = CoarseFormulation(problem: problem, coarsening: coarsening)
        guard formulation.topologicalOrder != nil else {
            return CoarseILPOutcome(records: [.coarseILPCyclic])
        }
        var records: [SearchRecord] = formulation.memoryExclusions.map { exclusion in
            .coarseMemoryExclusion(groupLabel: problem.graph.operators[coarsening.groups[exclusion.group][0]].label,
                                   unitName: problem.costs.unitNames[exclusion.unit])
        }
        let share = clock.remaining(atLeast: 0.05).map { Duration.milliseconds(Int64(max(50, $0 * 0.3 * 1000))) }
        let budget = SolverBudget(nodes: options.coarseILPNodes, work: options.coarseILPWork, rootIterations: options.rootIterations)
        let milpOptions = budget.apply(to: MILPOptions(timeLimit: share, warmStart: formulation.values(for: seed), lpDumpPath: options.dumpLPPath),
                                       for: formulation.model)
        let (solution, report) = try SolverReport.solve(formulation.model, options: milpOptions)
        let stats = solution.stats
        if stats.hitTimeLimit { clock.noteSolverStopped() }
        let bound = formulation.boundsFineProblem && !stats.hitTimeLimit ? stats.bestBound : nil
        var summary = SearchRecord.CoarseILPSummary(
            groups: coarsening.groups.count, units: problem.unitCount, status: "\(stats.status)",
            relaxedMakespan: stats.objective, bound: stats.bestBound, nodes: stats.nodes ?? 0,
            nodeLimit: stats.hitNodeLimit ? budget.nodes : nil,
            iterationLimit: stats.hitIterationLimit && stats.nodes != nil ? milpOptions.branchIterationLimit : nil,
            rootIterationLimit: stats.hitIterationLimit && stats.nodes == nil ? milpOptions.rootIterationLimit : nil,
            hitTimeLimit: stats.hitTimeLimit)
        guard stats.status.hasSolution, !solution.values.isEmpty else {
            records.append(.coarseILP(summary))
            return CoarseILPOutcome(records: records, solver: report, lowerBoundUS: bound, solverSeconds: stats.wallSeconds)
        }
        // Projection: every member takes its group's unit; the order comes from the MILP's group
        // starts (members in dependency order) or from ranks under the new assignment.
        let (assignment, groupStart) = formulation.decode(solution.values)
        let byStart = (0..<problem.operatorCount).sorted {
            let (a, b) = (groupStart[coarsening.groupOf[$0]], groupStart[coarsening.groupOf[$1]])
            return a != b ? a < b : $0 < $1
        }
        let candidate = refiner.bestOrder(assignment, startOrder: byStart)
        summary.projected = candidate.score
        records.append(.coarseILP(summary))
        return CoarseILPOutcome(candidate: candidate, records: records, solver: report, lowerBoundUS: bound,
                                solverSeconds: stats.wallSeconds)
    }
}
