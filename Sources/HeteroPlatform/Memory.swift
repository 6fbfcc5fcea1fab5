/// A memory tensors can live in: DRAM shared by all units, a DSP's TCM, a DLA's buffer.
public struct Memory: Sendable, Hashable {
    public var name: String
    public var kind: MemoryKind
    /// Capacity in bytes; `nil` means unlimited (`"unlimited"` in JSON).
    public var capacityBytes: Int?
    /// Bandwidth a unit computing from this memory gets, in GB/s (1 GB/s = 1000 bytes/us).
    public var bandwidthGBs: Double
    /// Access latency in microseconds.
    public var latencyUS: Double
    /// Units that can read their inputs from and write their outputs to this memory directly,
    /// without a transfer, as listed in the file. A unit's `memory` and `localMemory` are
    /// attached implicitly; see `Platform.units(attachedTo:)`.
    public var attached: [String]
    /// Energy per byte read or written, in picojoules.
    public var pjPerByte: Double?
    public var source: SourceNotes?

    public init(name: String, kind: MemoryKind, capacityBytes: Int?, bandwidthGBs: Double, latencyUS: Double = 0,
                attached: [String] = [], pjPerByte: Double? = nil, source: SourceNotes? = nil) {
        self.name = name
        self.kind = kind
        self.capacityBytes = capacityBytes
        self.bandwidthGBs = bandwidthGBs
        self.latencyUS = latencyUS
        self.attached = attached
        self.pjPerByte = pjPerByte
        self.source = source
    }

    /// True when the memory has no capacity limit.
    public var isUnlimited: Bool { capacityBytes == nil }

    /// Bandwidth in bytes per microsecond.
    public var bytesPerMicrosecond: Double { Bandwidth.bytesPerMicrosecond(gbs: bandwidthGBs) }

    /// Whether `bytes` fit in the memory.
    public func fits(_ bytes: Int) -> Bool {
        capacityBytes.map { bytes <= $0 } ?? true
    }
}

extension Memory: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, kind, attached, source
        case capacityBytes = "capacity_bytes"
        case bandwidthGBs = "bandwidth_gb_s"
        case latencyUS = "latency_us"
        case pjPerByte = "pj_per_byte"
    }

    /// The `capacity_bytes` value that means "no limit".
    static let unlimited = "unlimited"

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(name, forKey: .name)
        try keyed.encode(kind, forKey: .kind)
        if let capacityBytes {
            try keyed.encode(capacityBytes, forKey: .capacityBytes)
        } else {
            try keyed.encode(Self.unlimited, forKey: .capacityBytes)
        }
        try keyed.encode(bandwidthGBs, forKey: .bandwidthGBs)
        try keyed.encode(latencyUS, forKey: .latencyUS)
        if !attached.isEmpty { try keyed.encode(attached, forKey: .attached) }
        try keyed.encodeIfPresent(pjPerByte, forKey: .pjPerByte)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
