/// How one memory was occupied.
public struct MemoryStatistics: Sendable, Hashable {
    public struct Sample: Sendable, Hashable {
        public var time: SimTime
        /// Bytes of live buffers from this moment on.
        public var liveBytes: Int
    }

    public var name: String
    public var capacityBytes: Int?
    /// Largest sum of live buffer sizes at one moment.
    public var peakLiveBytes: Int
    /// Highest end address of any buffer allocated.
    public var peakAddress: Int
    /// Occupancy after each allocation and release, in time order (may hold several samples
    /// at one instant; the last one holds from then on).
    public var samples: [Sample]
}
