extension PlanDocument {
    /// One read of `tensor` from `memory` that a multicast (a stream switch broadcast, as an AI
    /// Engine array's buffer port multicasting) delivers to several operators: `destinations`
    /// in start order on `units`; the first streams the `bytes` from the memory, the others
    /// receive the same stream instead of reading them again (`savedBytes` in all), each into two
    /// `bufferBytes` windows of its own memory. `simulate` executes it as one read.
    public struct MulticastRead: Codable, Sendable, Equatable {
        public var tensor: String
        public var memory: String
        public var destinations: [String]
        public var units: [String]
        public var bytes: Int
        public var savedBytes: Int
        public var bufferBytes: Int

        enum CodingKeys: String, CodingKey {
            case tensor, memory, destinations, units, bytes
            case savedBytes = "saved_bytes"
            case bufferBytes = "buffer_bytes"
        }

        public init(tensor: String, memory: String, destinations: [String], units: [String], bytes: Int, savedBytes: Int, bufferBytes: Int) {
            self.tensor = tensor
            self.memory = memory
            self.destinations = destinations
            self.units = units
            self.bytes = bytes
            self.savedBytes = savedBytes
            self.bufferBytes = bufferBytes
        }
    }
}
