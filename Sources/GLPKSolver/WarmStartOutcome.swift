/// What happened to ``MILPOptions/warmStart``.
public enum WarmStartOutcome: Sendable, Equatable, CustomStringConvertible {
    case notProvided
    /// GLPK took it as its incumbent at the first heuristic callback.
    case accepted
    /// The time limit expired before GLPK had an incumbent; the warm start itself is returned
    /// as the ``MILPStatus/feasible`` solution.
    case returnedAsSolution
    /// It violates a bound, integrality or a constraint (beyond 1e-6 relative), so it was not
    /// offered: GLPK would have trusted it blindly.
    case rejectedInfeasible(String)
    /// GLPK already had an incumbent at least as good when it was offered.
    case rejectedNotBetter
    /// It was feasible but never offered, e.g. the model has no integer variables, presolve is
    /// on, or branch-and-cut never asked for a heuristic (the root LP solution was integral).
    case notOffered(String)

    /// True when the warm start was taken as an incumbent or returned as the solution.
    public var wasAccepted: Bool { self == .accepted || self == .returnedAsSolution }

    public var description: String {
        switch self {
        case .notProvided: "not provided"
        case .accepted: "accepted"
        case .returnedAsSolution: "returned as the solution"
        case .rejectedInfeasible(let why): "rejected: infeasible (\(why))"
        case .rejectedNotBetter: "rejected: not better than the incumbent"
        case .notOffered(let why): "not offered (\(why))"
        }
    }
}
