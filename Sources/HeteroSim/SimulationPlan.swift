import HeteroRecords

/// A plan as the simulator executes it, by index: a unit and planned times per operator, the
/// transfers, spill copies and buffers in the planner's own record types (`HeteroRecords`). It may come from the planner (exact) or from a
/// plan file that a person edited (anything goes: the simulator's job is to find what is wrong).
///
/// **Queue order.** A unit runs its operators in order of planned start, then planned finish,
/// then graph (topological) order. The second key puts a zero-length operator (a view) before a
/// longer one starting at the same instant, which is where the list scheduler's insertion put
/// it; the third orders simultaneous zero-length operators producer first.
public struct SimulationPlan: Sendable, Hashable {
    /// Unit of each operator.
    public var units: [Int]
    public var startUS: [Double]
    public var finishUS: [Double]
    public var transfers: [ScheduledTransfer]
    /// Memory-spill stores and reloads, and weight prefetches (the engine's moves).
    public var copies: [ScheduledSpill]
    /// Recomputations (`SpillKind.recompute`): each runs its tensor's producer again on its
    /// consumer's unit as the start of the consumer's occupancy — reading the producer's inputs
    /// where they live then and writing the tensor into the consumer's resident memory — so the
    /// consumer starts with it and takes both times.
    public var recomputes: [ScheduledSpill] = []
    /// Where tensors live. A tensor may have several buffers in one memory at different times
    /// (a spilled tensor: its home copy, then one reloaded copy per reader).
    public var buffers: [MemoryPlan.Buffer]
    /// The planner's makespan, which the simulation is compared with.
    public var predictedMakespanUS: Double
    /// The plan's steady-state interval (`summary.interval_us`) when it declares one: the cycle
    /// budget that the kernels of each unit with a program memory must fit in (run-time ratios
    /// summing to at most 1). Nil: not checked.
    public var intervalUS: Double?
    /// Reads of an activation the plan has a multicast deliver to several operators
    /// (`MulticastDelivery`); the simulator checks and executes them as one read each.
    public var multicasts: [MulticastDelivery] = []
    /// Activations the plan streams in windows through a ping-pong buffer (`WindowedDelivery`);
    /// the simulator checks each with its own window rule before anything runs.
    public var windowedHandOffs: [WindowedDelivery] = []
    /// Activations the plan broadcasts from their producer's tile over stream-switch routes
    /// (`RouteDelivery`); their readers on the destination tiles read them on chip.
    public var streamRoutes: [RouteDelivery] = []

    public init(units: [Int], startUS: [Double], finishUS: [Double], transfers: [ScheduledTransfer], copies: [ScheduledSpill] = [],
                buffers: [MemoryPlan.Buffer],
                predictedMakespanUS: Double) {
        self.units = units
        self.startUS = startUS
        self.finishUS = finishUS
        self.transfers = transfers
        self.copies = copies
        self.buffers = buffers
        self.predictedMakespanUS = predictedMakespanUS
    }

    /// The planner's schedule and memory plan, as they are.
    public init(schedule: Schedule, memory: MemoryPlan) {
        units = schedule.operators.map(\.unit)
        startUS = schedule.operators.map(\.startUS)
        finishUS = schedule.operators.map(\.finishUS)
        transfers = schedule.transfers
        copies = schedule.spills.filter { $0.kind != .recompute }
        recomputes = schedule.spills.filter { $0.kind == .recompute }
        buffers = memory.buffers
        predictedMakespanUS = schedule.makespanUS
    }

    public var operatorCount: Int { units.count }

    /// Each unit's operators in execution order (see the type's documentation).
    ///
    /// - Complexity: O(V log V).
    public func unitQueues(unitCount: Int) -> [[Int]] {
        var queues = [[Int]](repeating: [], count: unitCount)
        let startUS = startUS, finishUS = finishUS
        let order = units.indices.sorted { a, b in
            if startUS[a] != startUS[b] { return startUS[a] < startUS[b] }
            if finishUS[a] != finishUS[b] { return finishUS[a] < finishUS[b] }
            return a < b
        }
        for op in order where units[op] >= 0 && units[op] < unitCount { queues[units[op]].append(op) }
        return queues
    }
}

extension MemoryPlan.Buffer {
    /// The planned lifetime as a half-open interval; an instantaneous one lasts a picosecond
    /// (as in `MemoryPlanner`).
    var effectiveEndUS: Double { max(endUS, startUS + 1e-6) }
}
