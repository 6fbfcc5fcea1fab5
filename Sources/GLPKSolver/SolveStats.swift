/// Immutable summary of one solve: status, quality figures and effort.
///
/// Invariants (for a minimisation; mirrored for maximisation):
/// `bestBound <= objective` whenever both exist; `relativeGap == |objective - bestBound| /
/// (|objective| + Double.ulpOfOne)` (GLPK's definition); `optimal` implies `relativeGap` is 0 or,
/// with a nonzero ``MILPOptions/relativeGap``, at most about that tolerance.
public struct SolveStats: Sendable, Equatable {
    public let status: MILPStatus
    /// Objective value of the returned solution, if any.
    public let objective: Double?
    /// Best proven bound on the optimum: the root LP optimum, tightened by branch-and-cut. `nil`
    /// when unknown (infeasible, unbounded, or the time limit expired inside the root LP).
    public let bestBound: Double?
    /// Relative gap between ``objective`` and ``bestBound``, when both exist.
    public let relativeGap: Double?
    /// Branch-and-bound nodes created (as of GLPK's last callback); `nil` for LPs.
    public let nodes: Int?
    /// Simplex iterations for the root LP relaxation.
    public let simplexIterations: Int
    /// Simplex iterations in all: the root LP relaxation and every branch-and-cut node's LP.
    public let totalSimplexIterations: Int
    /// Wall-clock seconds on the solver thread (building, solving, copying out).
    public let wallSeconds: Double
    /// True when GLPK stopped because of ``MILPOptions/timeLimit``.
    public let hitTimeLimit: Bool
    /// True when branch-and-cut stopped at ``MILPOptions/nodeLimit``.
    public let hitNodeLimit: Bool
    /// True when the LP relaxation stopped at ``MILPOptions/rootIterationLimit`` or branch-and-cut
    /// at ``MILPOptions/branchIterationLimit``.
    public let hitIterationLimit: Bool
    public let warmStart: WarmStartOutcome
    /// Tail of GLPK's terminal output (errors and warnings, or progress with
    /// ``MILPOptions/verboseLog``).
    public let solverLog: String

    /// GLPK's relative gap: `|objective - bound| / (|objective| + Double.ulpOfOne)`.
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
}
