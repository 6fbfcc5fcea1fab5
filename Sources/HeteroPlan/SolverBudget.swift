import GLPKSolver

/// The deterministic limits of one GLPK solve, counted in work and never in time, so a plan is the
/// same on every machine and under any load: branch-and-bound nodes, simplex iterations for the
/// LP relaxation, and branch-and-cut work in simplex iterations × constraint nonzeros. The time of
/// a simplex iteration grows with the model's nonzeros (measured 20-70 ns per iteration × nonzero
/// on the shipped models' coarse ILPs), so the branch iteration limit is the work divided by the
/// model's nonzeros: large models stop after fewer iterations, in about the same time.
struct SolverBudget {
    var nodes: Int
    /// Simplex iterations × constraint nonzeros for branch-and-cut.
    var work: Int
    var rootIterations: Int

    /// Branch-and-cut simplex iterations `model` may make: `work` / its nonzeros, at least 1.
    func branchIterations(_ model: MILPModel) -> Int {
        let nonzeros = model.constraints.reduce(0) { $0 + $1.terms.count }
        return max(1, work / max(1, nonzeros))
    }

    /// `options` with the node, root-iteration and branch-iteration limits for `model`.
    func apply(to options: MILPOptions, for model: MILPModel) -> MILPOptions {
        var limited = options
        limited.nodeLimit = nodes
        limited.rootIterationLimit = rootIterations
        limited.branchIterationLimit = branchIterations(model)
        return limited
    }
}
