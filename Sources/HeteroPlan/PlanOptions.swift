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
    /// Stop refinement after this many evaluations without improvement (bounds the run on small graphs).
    public var patience: Int = 20_000
    /// Graphs with at most this many operators are also solved exactly (ilp-exact) by `optimize`.
    public var exactThreshold: Int = 12
    /// Overrides the refinement's evaluation budget (default: scaled to the graph's size).
    public var evaluationBudget: Int?

    public init() {}
}
