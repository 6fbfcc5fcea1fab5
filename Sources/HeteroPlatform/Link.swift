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
    public var source: SourceNotes?

    public init(from: String, to: String, bandwidthGBs: Double, latencyUS: Double = 0, dmaEngines: Int = 1,
                bidirectional: Bool = true, pjPerByte: Double? = nil, source: SourceNotes? = nil) {
        self.from = from
        self.to = to
        self.bandwidthGBs = bandwidthGBs
        self.latencyUS = latencyUS
        self.dmaEngines = dmaEngines
        self.bidirectional = bidirectional
        self.pjPerByte = pjPerByte
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
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
