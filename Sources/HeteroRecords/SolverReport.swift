/// What the ILP solver reported (wall time is kept apart, in `StrategyResult.solverSeconds`,
/// because plan files must be byte-identical across runs).
public struct SolverReport: Sendable, Hashable, Codable {
    /// Which model was solved: `exact-schedule` (its bound bounds the plan) or `coarse-assignment`
    /// (a relaxation on grouped operators; its objective and bound are the relaxation's).
    public var formulation: String?
    public var status: String
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var variables: Int
    public var constraints: Int
    public var warmStartAccepted: Bool

    enum CodingKeys: String, CodingKey {
        case formulation, status, objective, bound, gap, variables, constraints
        case warmStartAccepted = "warm_start_accepted"
    }

    public init(status: String, objective: Double?, bound: Double?, gap: Double?, variables: Int,
                constraints: Int, warmStartAccepted: Bool) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.variables = variables
        self.constraints = constraints
        self.warmStartAccepted = warmStartAccepted
    }
}
