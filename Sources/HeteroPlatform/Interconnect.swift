/// How transfers share the interconnect.
public struct Interconnect: Sendable, Hashable {
    /// When true, transfers over one link share its bandwidth and queue for its DMA engines;
    /// when false every transfer gets the full bandwidth at once (the classic model's ideal
    /// interconnect).
    public var contention: Bool
    public var source: SourceNotes?

    public init(contention: Bool, source: SourceNotes? = nil) {
        self.contention = contention
        self.source = source
    }
}

extension Interconnect: Encodable {
    enum CodingKeys: String, CodingKey {
        case contention, source
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(contention, forKey: .contention)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
