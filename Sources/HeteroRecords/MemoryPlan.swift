/// Where every tensor lives: per memory, each resident buffer with its offset and lifetime.
public struct MemoryPlan: Sendable, Hashable {
    public struct Buffer: Sendable, Hashable, Codable {
        /// Index into `graph.tensors`.
        public var tensor: Int
        public var memory: Int
        public var offset: Int
        public var bytes: Int
        public var startUS: Double
        public var endUS: Double
        public init(tensor: Int, memory: Int, offset: Int, bytes: Int, startUS: Double, endUS: Double) {
            self.tensor = tensor
            self.memory = memory
            self.offset = offset
            self.bytes = bytes
            self.startUS = startUS
            self.endUS = endUS
        }
    }

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
