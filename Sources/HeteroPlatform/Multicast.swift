/// A unit's share of a stream switch that broadcasts one read of its memory to several units
/// (`"multicast"` on a unit or an array's tile template).
///
/// On an AI Engine array, a buffer read once from DDR by a DMA channel enters the array as one
/// stream and the stream switches copy it to every kernel that reads it (UG1079, "Buffer Port
/// Multicasting"; AM009, AXI4-Stream switch broadcast): operators on such units that read the
/// same activation from the memory they compute from (`ProcessingUnit.memory`) can be served by
/// one read of it instead of one each. Each destination receives the stream into a ping-pong
/// pair of `bufferBytes` windows in its local memory, and one read feeds at most
/// `maxDestinations` operators (more take further reads).
public struct Multicast: Sendable, Hashable, Encodable {
    /// Operators one read can feed.
    public var maxDestinations: Int
    /// Bytes of one receive window; each destination holds two (ping-pong) in its local memory.
    public var bufferBytes: Int
    public var source: SourceNotes?

    public init(maxDestinations: Int, bufferBytes: Int, source: SourceNotes? = nil) {
        self.maxDestinations = maxDestinations
        self.bufferBytes = bufferBytes
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case source
        case maxDestinations = "max_destinations"
        case bufferBytes = "buffer_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(maxDestinations, forKey: .maxDestinations)
        try keyed.encode(bufferBytes, forKey: .bufferBytes)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
