import CGLPK

/// Solves ``MILPModel``s with GLPK 5 (simplex + branch-and-cut): the one place in the package
/// that owns GLPK.
///
/// Each call:
/// 1. validates the model and options in Swift (typed ``GLPKError``, no C involved);
/// 2. checks the warm start's feasibility (GLPK would trust it blindly);
/// 3. starts a dedicated thread that builds the GLPK problem, runs `glp_simplex` (presolve off)
///    for an optimal root basis, then `glp_intopt` from that basis with a callback that records the
///    best bound and offers the warm start once at the first `GLP_IHEUR`; deletes the problem
///    and frees the thread's GLPK environment. All of it runs under a setjmp guard, so a GLPK
///    internal error becomes ``GLPKError/glpkInternalError(message:)`` instead of `abort()`;
/// 4. maps GLPK's codes to ``MILPSolution`` / ``SolveStats``.
///
/// Calls are safe from any number of threads or tasks at once (each solve has its own thread
/// and GLPK environment) and deterministic: the same model and options give the same solution,
/// unless a time limit cuts the search at a machine-dependent point.
public enum GLPKSolver {
    /// Version of the GLPK headers compiled against, e.g. "5.0".
    public static var glpkVersion: String { "\(GLP_MAJOR_VERSION).\(GLP_MINOR_VERSION)" }

    /// Solves `model`, blocking the calling thread until the solver thread is done.
    public static func solve(
        _ model: MILPModel, options: MILPOptions = MILPOptions()
    ) throws(GLPKError) -> MILPSolution {
        let request = try _SolveRequest(model: model, options: options)
        return try _SolverThread.run(name: "glpk-solve") { request.execute() }.get()
    }

    /// Solves `model` on a dedicated thread, suspending the calling task meanwhile. Cancelling
    /// the task does not interrupt GLPK; bound the solve with ``MILPOptions``' node, iteration or
    /// time limits.
    public static func solve(
        _ model: MILPModel, options: MILPOptions = MILPOptions()
    ) async throws(GLPKError) -> MILPSolution {
        let request = try _SolveRequest(model: model, options: options)
        return try await _SolverThread.run(name: "glpk-solve") { request.execute() }.get()
    }
}
