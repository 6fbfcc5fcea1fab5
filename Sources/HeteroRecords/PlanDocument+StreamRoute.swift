extension PlanDocument {
    /// An activation broadcast from its producer's tile over one AXI4-Stream route through the
    /// array's stream switches to the distant tiles that read it (AM009: a stream switch slave
    /// port feeds several master ports): the producer writes it into `memory` (its tile memory),
    /// the route takes master port `masterPort` of `sourceUnit` and slave port `slavePorts[i]` of
    /// `destinationUnits[i]`, each destination receives it in windows into a ping-pong buffer of
    /// `receiveBufferBytes` in its own tile memory, and the tensor (`bytes` per inference, at
    /// `portBandwidthGBs`) never goes to DDR4. `hops` counts the switch-to-switch links of the
    /// route's XY broadcast tree (columns first, then rows).
    public struct StreamRoute: Codable, Sendable, Equatable {
        public var tensor: String
        public var memory: String
        public var producer: String
        public var sourceUnit: String
        public var masterPort: Int
        public var readers: [String]
        public var destinationUnits: [String]
        public var slavePorts: [Int]
        public var receiveBufferBytes: Int
        public var bytes: Int
        public var portBandwidthGBs: Double
        public var hops: Int

        enum CodingKeys: String, CodingKey {
            case tensor, memory, producer, readers, bytes, hops
            case sourceUnit = "source_unit"
            case masterPort = "master_port"
            case destinationUnits = "destination_units"
            case slavePorts = "slave_ports"
            case receiveBufferBytes = "receive_buffer_bytes"
            case portBandwidthGBs = "port_bandwidth_gb_s"
        }

        public init(tensor: String, memory: String, producer: String, sourceUnit: String, masterPort: Int, readers: [String],
                    destinationUnits: [String], slavePorts: [Int], receiveBufferBytes: Int, bytes: Int, portBandwidthGBs: Double, hops: Int) {
            self.tensor = tensor
            self.memory = memory
            self.producer = producer
            self.sourceUnit = sourceUnit
            self.masterPort = masterPort
            self.readers = readers
            self.destinationUnits = destinationUnits
            self.slavePorts = slavePorts
            self.receiveBufferBytes = receiveBufferBytes
            self.bytes = bytes
            self.portBandwidthGBs = portBandwidthGBs
            self.hops = hops
        }
    }
}
