/// A timed stage of planning, as `StageTimings` reports it (`hetero-plan benchmark scaling`).
/// The top-level stages partition a `PlanPipeline.run`; `listScheduling` is the time spent in the
/// list-scheduling decoder across all of them (seeds, refinement and residency all decode
/// schedules), so it overlaps the others.
public enum PlanStage: String, CaseIterable, Sendable, Codable {
    case costTable = "cost table"
    case lowerBound = "LP lower bound"
    /// Finding chains of free views to fold before the searches (`ViewFolding.fold`).
    case viewFolding = "view folding"
    case seeds = "seeds"
    case coarsening = "coarsening"
    case coarseILP = "coarse ILP"
    case refinement = "refinement"
    case windowSearch = "window search"
    case exactILP = "exact ILP"
    case residency = "residency"
    case memoryPlanning = "memory planning"
    case listScheduling = "list scheduling"
    case simulation = "simulation"

    /// Whether the stage's time is already counted in another stage's.
    public var overlapsOthers: Bool { self == .listScheduling }
}
