/// Options shared by every strategy.
public struct PlanOptions: Sendable {
    public enum Objective: String, Sendable, CaseIterable, Codable {
        case latency, throughput, energy, memory
    }

    public var objective: Objective = .latency
    /// Wall-clock budget for the optimizer's search, in seconds.
    public var timeLimitSeconds: Double = 10
    /// Unit names in priority order for `fallback` (default: accelerators first, CPU last).
    public var fallbackPriority: [String]?
    /// Where to write the coarse ILP in CPLEX LP format, if anywhere.
    public var dumpLPPath: String?
    /// Seed of the optimizer's randomised moves (results are deterministic for a seed).
    public var seed: UInt64 = 1
    /// Stop refinement after this many evaluations without improvement (default: a quarter of the
    /// evaluation budget, at least 20,000: small graphs search long, large ones stop once stuck).
    public var patience: Int?
    /// Graphs with at most this many operators are also solved exactly (ilp-exact) by `optimize`.
    public var exactThreshold: Int = 12
    /// Branch-and-bound nodes for the coarse assignment ILP (a deterministic limit).
    public var coarseILPNodes: Int = 200
    /// The coarse ILP runs only when groups × units is at most this (it uses the full coarsening,
    /// heavy edges included, when the composite-and-chain graph is bigger).
    public var coarseILPMaxAssignments: Int = 1_000
    /// Wall-clock cap for the coarse ILP (also at most 30% of the time left); only a safety net,
    /// since a plan that depends on where a clock stopped the solver is not reproducible.
    public var coarseILPSeconds: Double = 5
    /// Overrides the refinement's evaluation budget (default: scaled to the graph's size).
    public var evaluationBudget: Int?
    /// The ejection-chain stage may use the refiner's budget divided by this (0 would be invalid).
    public var chainBudgetDivisor: Int = 4
    /// Windows the large-neighbourhood search re-solves with GLPK after refinement (latency; 0: none).
    public var windowSearchWindows: Int = 8
    /// The window search runs only on graphs of at most this many operators: its MILP has a start
    /// variable per operator, and on larger graphs it cost seconds per window (a 5,000-operator
    /// graph: 164 s in all) while improving none of the nine models.
    public var windowSearchMaxOperators: Int = 160
    /// Branch-and-bound nodes per window (a deterministic limit).
    public var windowSearchNodes: Int = 150

    /// How activations are kept in on-chip resident memories (`ResidencyPlanner`).
    public var residency: ResidencyPolicy = .optimize

    public init() {}
}
