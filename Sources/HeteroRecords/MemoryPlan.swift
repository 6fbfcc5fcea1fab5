/// Where every tensor lives: per memory, each resident buffer with its offset and lifetime.
public struct MemoryPlan: Sendable, Hashable {
    /// A buffer with its tensor and memory by index into the graph and the cost table.
    public typealias Buffer = BufferRecord<Int>

    public struct MemoryUsage: Sendable, Hashable, Codable {
        public var memory: Int
        /// Highest offset + size over all buffers.
        public var peakBytes: Int
        /// Maximum bytes live at one moment: no placement can do better.
        public var lowerBoundBytes: Int
        public var capacityBytes: Int?
        public init(memory: Int, peakBytes: Int, lowerBoundBytes: Int, capacityBytes: Int? = nil) {
            self.memory = memory
            self.peakBytes = peakBytes
            self.lowerBoundBytes = lowerBoundBytes
            self.capacityBytes = capacityBytes
        }
    }

    public var buffers: [Buffer]
    public var usage: [MemoryUsage]
    public init(buffers: [Buffer], usage: [MemoryUsage]) {
        self.buffers = buffers
        self.usage = usage
    }
}
