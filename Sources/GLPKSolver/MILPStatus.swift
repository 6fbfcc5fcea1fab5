/// How a solve ended.
public enum MILPStatus: Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// Proven optimal (within ``MILPOptions/relativeGap`` when that is nonzero).
    case optimal
    /// A limit (nodes, simplex iterations or time) stopped the search with an incumbent; see ``SolveStats/bestBound`` and
    /// ``SolveStats/relativeGap`` for how far from optimal it may be.
    case feasible
    /// No solution satisfies the constraints (for a MIP: the LP relaxation, or every integer
    /// point, is infeasible).
    case infeasible
    /// The objective is unbounded. For a MIP this is decided on the LP relaxation; with rational
    /// data the MIP is then unbounded as soon as it has any feasible point.
    case unbounded
    /// A limit (nodes, simplex iterations or time) stopped the search before any feasible solution
    /// was found (and no feasible warm start was given).
    case stoppedWithoutSolution

    /// True when ``MILPSolution/values`` holds a feasible point.
    public var hasSolution: Bool { self == .optimal || self == .feasible }

    public var description: String {
        switch self {
        case .optimal: "optimal"
        case .feasible: "feasible (search limit)"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        case .stoppedWithoutSolution: "no solution within the search limits"
        }
    }
}
