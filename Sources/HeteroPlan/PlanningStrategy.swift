import HeteroRecords

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
    /// Baseline schedules the strategy made for the problem it was given, by strategy name
    /// (`optimize`'s seeds among `OptimizeStrategy.reportedBaselines`), so that the pipeline
    /// does not plan them again (`PlanPipeline.keepingBaselines`).
    var baselines: [String: Schedule] = [:]

    public init(schedule: Schedule, decisions: [Decision] = [], solver: SolverReport? = nil, lowerBoundUS: Double? = nil,
                solverSeconds: Double? = nil) {
        self.schedule = schedule
        self.decisions = decisions
        self.solver = solver
        self.lowerBoundUS = lowerBoundUS
        self.solverSeconds = solverSeconds
    }
}
