/// One DMA link: its ends, bandwidth, latency and DMA engines (what contention depends on).
public struct LinkModel: Sendable, Hashable {
    /// `dram <-> dla_cbuf`.
    public var label: String
    /// The memories at its two ends (indices into the machine's memories).
    public var fromMemory: Int
    public var toMemory: Int
    public var bytesPerUS: Double
    public var latencyUS: Double
    /// Transfers the link carries at once when the interconnect has contention.
    public var engines: Int

    public init(label: String, fromMemory: Int, toMemory: Int, bytesPerUS: Double, latencyUS: Double, engines: Int) {
        self.label = label
        self.fromMemory = fromMemory
        self.toMemory = toMemory
        self.bytesPerUS = bytesPerUS
        self.latencyUS = latencyUS
        self.engines = engines
    }
}
