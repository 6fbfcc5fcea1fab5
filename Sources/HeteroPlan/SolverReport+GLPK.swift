import GLPKSolver
import HeteroRecords

extension SolverReport {
    /// Solves `model` with GLPK, turning its errors into `PlanError.solver`, and reports it.
    static func solve(_ model: MILPModel, options: MILPOptions) throws(PlanError) -> (solution: MILPSolution, report: SolverReport) {
        let solution: MILPSolution
        do {
            solution = try GLPKSolver.solve(model, options: options)
        } catch {
            throw .solver(error.description)
        }
        let stats = solution.stats
        let report = SolverReport(status: stats.status.description, objective: stats.objective, bound: stats.bestBound,
                                  gap: stats.relativeGap, variables: model.variables.count, constraints: model.constraints.count,
                                  warmStartAccepted: stats.warmStart.wasAccepted)
        var named = report
        named.formulation = model.name
        return (solution, named)
    }
}
