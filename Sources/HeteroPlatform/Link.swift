/// A DMA path between two memories. A transfer of `b` bytes over one link takes
/// `latencyUS + b / bytesPerMicrosecond`; routes over several links add their hops
/// (store and forward).
public struct Link: Sendable, Hashable {
    public var from: String
    public var to: String
    /// Bandwidth of one transfer, in GB/s (1 GB/s = 1000 bytes/us).
    public var bandwidthGBs: Double
    /// Set-up latency of one transfer, in microseconds.
    public var latencyUS: Double
    /// How many transfers the link carries at once when the interconnect has contention.
    public var dmaEngines: Int
    /// True when the link also carries transfers from `to` to `from`.
    public var bidirectional: Bool
    /// Energy per byte moved, in picojoules.
    public var pjPerByte: Double?
    /// True when the two memories are data memories of neighbouring tiles that each tile's core
    /// addresses directly (AM009: an AI Engine tile's memory module is shared with its
    /// neighbours): a unit whose resident memory is one end reads and writes a buffer in the
    /// other in place, with no copy (`CostTable.sharedMemories`). Array neighbour links set it.
    public var sharedMemory: Bool
    public var source: SourceNotes?

    public init(from: String, to: String, bandwidthGBs: Double, latencyUS: Double = 0, dmaEngines: Int = 1,
                bidirectional: Bool = true, pjPerByte: Double? = nil, sharedMemory: Bool = false, source: SourceNotes? = nil) {
        self.from = from
        self.to = to
        self.bandwidthGBs = bandwidthGBs
        self.latencyUS = latencyUS
        self.dmaEngines = dmaEngines
        self.bidirectional = bidirectional
        self.pjPerByte = pjPerByte
        self.sharedMemory = sharedMemory
        self.source = source
    }

    /// Bandwidth in bytes per microsecond.
    public var bytesPerMicrosecond: Double { Bandwidth.bytesPerMicrosecond(gbs: bandwidthGBs) }

    /// Time to move `bytes` over this link alone, in microseconds.
    public func transferTimeUS(bytes: Int) -> Double {
        latencyUS + Double(bytes) / bytesPerMicrosecond
    }

    /// Whether the link carries transfers from memory `source` to memory `destination`.
    public func carries(from source: String, to destination: String) -> Bool {
        (from == source && to == destination) || (bidirectional && from == destination && to == source)
    }

    /// `dram <-> sram` or `dram -> sram`.
    public var label: String { "\(from) \(bidirectional ? "<->" : "->") \(to)" }
}

extension Link: Encodable {
    enum CodingKeys: String, CodingKey {
        case from, to, bidirectional, source
        case bandwidthGBs = "bandwidth_gb_s"
        case latencyUS = "latency_us"
        case dmaEngines = "dma_engines"
        case pjPerByte = "pj_per_byte"
        case sharedMemory = "shared_memory"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(from, forKey: .from)
        try keyed.encode(to, forKey: .to)
        try keyed.encode(bandwidthGBs, forKey: .bandwidthGBs)
        try keyed.encode(latencyUS, forKey: .latencyUS)
        try keyed.encode(dmaEngines, forKey: .dmaEngines)
        try keyed.encode(bidirectional, forKey: .bidirectional)
        try keyed.encodeIfPresent(pjPerByte, forKey: .pjPerByte)
        if sharedMemory { try keyed.encode(true, forKey: .sharedMemory) }
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
