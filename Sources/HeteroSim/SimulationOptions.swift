/// Knobs of one simulation run that are not part of the platform or the plan.
public struct SimulationOptions: Sendable, Hashable {
    /// Overrides the platform's `interconnect.contention` when set.
    public var contention: Bool?
    /// Register groups per unit (NVDLA has two: the next operation is programmed while the
    /// current one runs). At least 1.
    public var registerGroups: Int = 2
    /// Time to program one operation into a free register group. The cost model has no such
    /// figure (its per-operator time already contains the command-path overhead), so the
    /// default is 0; a positive value shows how much the ping-pong hides.
    public var programmingUS: Double = 0
    /// Record per-memory occupancy samples for plots (costs memory on huge graphs).
    public var recordOccupancy: Bool = true

    public init(contention: Bool? = nil, registerGroups: Int = 2, programmingUS: Double = 0, recordOccupancy: Bool = true) {
        self.contention = contention
        self.registerGroups = registerGroups
        self.programmingUS = programmingUS
        self.recordOccupancy = recordOccupancy
    }
}
