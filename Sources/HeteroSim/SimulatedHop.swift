/// One hop of a transfer as simulated (contention on): when it asked for a DMA engine of its
/// link, when it got one, and when its data had crossed.
public struct SimulatedHop: Sendable, Hashable {
    public var link: Int
    public var requested: SimTime
    public var granted: SimTime
    public var done: SimTime
}
