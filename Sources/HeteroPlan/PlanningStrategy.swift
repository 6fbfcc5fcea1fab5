/// One way of producing a schedule. Every strategy returns the same result type, so the plan
/// output, bounds, memory planning and simulation do not depend on which one ran.
public protocol PlanningStrategy: Sendable {
    /// The `--strategy` name.
    var name: String { get }
    func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult
}

/// A strategy's schedule and what it has to say about how it got there.
public struct StrategyResult: Sendable {
    public var schedule: Schedule
    /// Decisions worth explaining (`--explain`): operator spills, composites, refinements.
    public var decisions: [Decision]
    /// Solver statistics when an ILP ran.
    public var solver: SolverReport?
    /// A proven lower bound on the makespan from the strategy (e.g. an ILP bound), if any.
    public var lowerBoundUS: Double?
    /// Wall-clock seconds spent in the solver.
    public var solverSeconds: Double?

    public init(schedule: Schedule, decisions: [Decision] = [], solver: SolverReport? = nil, lowerBoundUS: Double? = nil,
                solverSeconds: Double? = nil) {
        self.schedule = schedule
        self.decisions = decisions
        self.solver = solver
        self.lowerBoundUS = lowerBoundUS
        self.solverSeconds = solverSeconds
    }
}

/// One explained decision.
public struct Decision: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case operatorSpill = "operator-spill"
        case composite
        case compositeSpill = "composite-spill"
        case memorySpill = "memory-spill"
        case refinement
        case strategy
    }

    public var kind: Kind
    public var subject: String
    public var reason: String

    public init(kind: Kind, subject: String, reason: String) {
        self.kind = kind
        self.subject = subject
        self.reason = reason
    }
}

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
