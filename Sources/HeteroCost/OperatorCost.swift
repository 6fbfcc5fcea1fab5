/// The cost of one operator on one unit, or why it cannot run there.
public struct OperatorCost: Sendable, Hashable, Codable {
    /// What limits the operator's time.
    public enum Bound: String, Sendable, Hashable, Codable {
        case compute, memory, overhead, measured, given, view
    }

    /// Total time: dispatch overhead + max(compute, memory), or a measured/given time.
    public var timeUS: Double?
    public var computeUS: Double
    public var memoryUS: Double
    public var overheadUS: Double
    public var bound: Bound?
    public var energyPJ: Double
    /// Bytes moved to and from the unit's memory, after data-type scaling and tiling re-reads
    /// (its weights' too, unless the unit reads them from a `weight_memory`).
    public var bytes: Int
    /// Bytes of weights (with tiling re-reads) read from the unit's `weight_memory`; nil on a
    /// unit without one (its weights are in `bytes`).
    public var weightBytes: Int? = nil
    /// Number of tiles when the working set exceeds the unit's local memory (1 = untiled).
    public var tiles: Int
    /// Set when the operator cannot run on the unit.
    public var reason: String?
    /// The fusion pattern this operator is costed in, if any (e.g. `Conv > BatchNormalization > Relu`).
    public var fusedIn: String?

    public static func cannotRun(_ reason: String) -> OperatorCost {
        OperatorCost(timeUS: nil, computeUS: 0, memoryUS: 0, overheadUS: 0, bound: nil, energyPJ: 0, bytes: 0, tiles: 1,
                     reason: reason, fusedIn: nil)
    }

    public static func fixed(_ time: Double, bound: Bound) -> OperatorCost {
        OperatorCost(timeUS: time, computeUS: 0, memoryUS: 0, overheadUS: 0, bound: bound, energyPJ: 0, bytes: 0, tiles: 1,
                     reason: nil, fusedIn: nil)
    }

    public var canRun: Bool { timeUS != nil }
}
