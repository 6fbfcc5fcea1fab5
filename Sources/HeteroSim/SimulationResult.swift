import HeteroRecords

/// What happened when a plan ran: the timing of every operator and transfer, per-unit, per-link
/// and per-memory statistics, and the makespan against the planner's prediction.
public struct SimulationResult: Sendable {
    public struct Operator: Sendable, Hashable {
        public var unit: Int
        /// When its dependency count reached zero.
        public var enabled: SimTime
        public var start: SimTime
        public var finish: SimTime
        /// Its duration without contention (the cost table's).
        public var nominal: SimTime
        /// The command-path part of its duration, during which it moves no data (contention on).
        public var overhead: SimTime
        /// The dependency that enabled it.
        public var waitedFor: StallReason
    }

    public struct Transfer: Sendable, Hashable {
        public var start: SimTime
        public var arrival: SimTime
        /// Engine requests and grants per hop (contention on; empty when off).
        public var hops: [SimulatedHop]
    }

    public var makespan: SimTime
    public var predictedMakespanUS: Double
    public var contention: Bool
    public var operators: [Operator]
    public var transfers: [Transfer]
    /// The plan's spill copies (stores and reloads), in plan order.
    public var copies: [Transfer]
    /// How each unit, link and memory was used, in the plan document's schema.
    public var units: [PlanDocument.UnitUse]
    public var links: [PlanDocument.LinkUse]
    public var memories: [PlanDocument.MemoryUse]
    /// Each memory's occupancy over time, indexed like `memories`.
    public var occupancy: [[OccupancySample]]
    /// Events processed.
    public var events: Int

    public var makespanUS: Double { makespan.microseconds }

    /// The plan document's `summary.simulation`.
    public var summary: PlanDocument.Simulation {
        PlanDocument.Simulation(contention: contention, makespanUS: makespanUS, predictedMakespanUS: predictedMakespanUS, events: events,
                                units: units, links: links, memories: memories)
    }

    /// `PlanDocument.Simulation.relativeDifference(simulated:predicted:)`.
    public var relativeDifference: Double {
        PlanDocument.Simulation.relativeDifference(simulated: makespanUS, predicted: predictedMakespanUS)
    }

    /// simulated / predicted (1 when both are 0).
    public var ratio: Double { 1 + relativeDifference }
}
