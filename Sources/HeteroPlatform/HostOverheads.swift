/// Costs the host pays once per inference, independent of the units used: starting the run
/// (e.g. a framework's `infer()` call) and collecting its results. Per-submission costs of a unit
/// are in its `CommandPath`.
public struct HostOverheads: Sendable, Hashable {
    /// Time to start one inference, in microseconds.
    public var submitUS: Double
    /// Time to collect the results of one inference after the last unit finished, in microseconds.
    public var syncUS: Double
    public var source: SourceNotes?

    public init(submitUS: Double, syncUS: Double, source: SourceNotes? = nil) {
        self.submitUS = submitUS
        self.syncUS = syncUS
        self.source = source
    }

    /// No host overhead (the classic scheduling model).
    public static let none = HostOverheads(submitUS: 0, syncUS: 0)
}

extension HostOverheads: Encodable {
    enum CodingKeys: String, CodingKey {
        case source
        case submitUS = "submit_us"
        case syncUS = "sync_us"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(submitUS, forKey: .submitUS)
        try keyed.encode(syncUS, forKey: .syncUS)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
