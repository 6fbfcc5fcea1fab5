extension PlanDocument {
    /// An activation handed from its producer to readers on neighbouring tiles through shared
    /// data memory (AM009: an AI Engine tile's memory module is shared with its neighbours): it
    /// stays in `memory`, its producer's resident memory on `producerUnit`, where the `readers`
    /// on `readerUnits` (in reader order; at least one another tile) read it in place, instead of
    /// a write to and read back from the unit's memory (DDR4). `bytes` as stored there.
    public struct SharedHandOff: Codable, Sendable, Equatable {
        public var tensor: String
        public var memory: String
        public var producerUnit: String
        public var readers: [String]
        public var readerUnits: [String]
        public var bytes: Int

        enum CodingKeys: String, CodingKey {
            case tensor, memory, readers, bytes
            case producerUnit = "producer_unit"
            case readerUnits = "reader_units"
        }

        public init(tensor: String, memory: String, producerUnit: String, readers: [String], readerUnits: [String], bytes: Int) {
            self.tensor = tensor
            self.memory = memory
            self.producerUnit = producerUnit
            self.readers = readers
            self.readerUnits = readerUnits
            self.bytes = bytes
        }
    }
}
