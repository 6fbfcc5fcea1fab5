extension PlanDocument {
    /// An activation too large for a tile's data memory that moves from its producer to its
    /// readers in windows of `windowRows` rows (every channel and column) through a ping-pong
    /// buffer of two windows (`bufferBytes`) in `memory`, the resident memory of the producer's
    /// unit, which every reader's unit addresses (its own, or a neighbour's shared memory
    /// module): in the pipelined steady state producer and readers run concurrently, and the
    /// tensor (`tensorBytes` as stored) never goes to DDR4 (UG1079/AM009 window interfaces).
    public struct WindowedHandOff: Codable, Sendable, Equatable {
        public var tensor: String
        public var memory: String
        public var producer: String
        public var producerUnit: String
        public var readers: [String]
        public var readerUnits: [String]
        public var windowRows: Int
        public var windowBytes: Int
        public var bufferBytes: Int
        public var tensorBytes: Int

        enum CodingKeys: String, CodingKey {
            case tensor, memory, producer, readers
            case producerUnit = "producer_unit"
            case readerUnits = "reader_units"
            case windowRows = "window_rows"
            case windowBytes = "window_bytes"
            case bufferBytes = "buffer_bytes"
            case tensorBytes = "tensor_bytes"
        }

        public init(tensor: String, memory: String, producer: String, producerUnit: String, readers: [String], readerUnits: [String],
                    windowRows: Int, windowBytes: Int, bufferBytes: Int, tensorBytes: Int) {
            self.tensor = tensor
            self.memory = memory
            self.producer = producer
            self.producerUnit = producerUnit
            self.readers = readers
            self.readerUnits = readerUnits
            self.windowRows = windowRows
            self.windowBytes = windowBytes
            self.bufferBytes = bufferBytes
            self.tensorBytes = tensorBytes
        }
    }
}
