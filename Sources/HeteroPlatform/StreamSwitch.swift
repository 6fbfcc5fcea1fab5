/// A tile's AXI4-Stream switch on an array (`"stream_switch"` on an array): where the tile sits
/// in the array's mesh and how many stream ports its core has.
///
/// The stream switches of an AI Engine array form a mesh: a circuit-switched route carries one
/// producer's 32-bit stream from its tile's master port through the switches to the slave ports
/// of any number of tiles (broadcast; AM009/AM020, AXI4-Stream switch). A core has a few master
/// (out) and slave (in) stream ports; a route takes one master port on its producer's tile and
/// one slave port on every tile it delivers to, and moves one 32-bit word per cycle.
public struct StreamSwitch: Sendable, Hashable, Encodable {
    /// The array the tile belongs to, and its row and column there.
    public var array: String
    public var row: Int
    public var column: Int
    /// Master (out) and slave (in) stream ports of the tile's core.
    public var masterPorts: Int
    public var slavePorts: Int
    /// Bandwidth of one port in GB/s (one 32-bit word per cycle of the array clock).
    public var portBandwidthGBs: Double
    public var source: SourceNotes?

    public init(array: String, row: Int, column: Int, masterPorts: Int, slavePorts: Int, portBandwidthGBs: Double,
                source: SourceNotes? = nil) {
        self.array = array
        self.row = row
        self.column = column
        self.masterPorts = masterPorts
        self.slavePorts = slavePorts
        self.portBandwidthGBs = portBandwidthGBs
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case array, row, column, source
        case masterPorts = "master_ports"
        case slavePorts = "slave_ports"
        case portBandwidthGBs = "port_bandwidth_gb_s"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(array, forKey: .array)
        try keyed.encode(row, forKey: .row)
        try keyed.encode(column, forKey: .column)
        try keyed.encode(masterPorts, forKey: .masterPorts)
        try keyed.encode(slavePorts, forKey: .slavePorts)
        try keyed.encode(portBandwidthGBs, forKey: .portBandwidthGBs)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
