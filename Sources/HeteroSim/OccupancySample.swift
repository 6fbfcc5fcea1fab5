/// One point of a memory's occupancy over simulated time (for the memory plot and the trace's
/// counters); several samples may share an instant, and the last one holds from then on.
public struct OccupancySample: Sendable, Hashable {
    public var time: SimTime
    /// Bytes of live buffers from this moment on.
    public var liveBytes: Int

    public init(time: SimTime, liveBytes: Int) {
        self.time = time
        self.liveBytes = liveBytes
    }
}
