/// How one DMA link was used.
public struct LinkStatistics: Sendable, Hashable, Codable {
    public var label: String
    public var engines: Int
    public var transfers: Int
    public var bytes: Int
    /// Time during which at least one transfer occupied the link.
    public var busyUS: Double
    /// Total time transfers waited for one of its DMA engines (contention on).
    public var queueWaitUS: Double
    /// busy / makespan.
    public var utilisation: Double

    enum CodingKeys: String, CodingKey {
        case label, engines, transfers, bytes, utilisation
        case busyUS = "busy_us"
        case queueWaitUS = "queue_wait_us"
    }
}
