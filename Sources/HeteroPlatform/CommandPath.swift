/// The path through which the host submits work to a unit and learns that it finished, with the
/// cost of each submission. The cost model charges `submitUS` before and `syncUS` after every
/// submission to the unit (one operator or one fused group, as the plan decides).
public struct CommandPath: Sendable, Hashable {
    public var kind: CommandPathKind
    /// Host-side time to submit one piece of work, in microseconds.
    public var submitUS: Double
    /// Time from the unit finishing until the host (or the next unit) may proceed, in microseconds.
    public var syncUS: Double
    public var source: SourceNotes?

    public init(kind: CommandPathKind, submitUS: Double, syncUS: Double, source: SourceNotes? = nil) {
        self.kind = kind
        self.submitUS = submitUS
        self.syncUS = syncUS
        self.source = source
    }

    /// A direct call with no overhead (the classic scheduling model).
    public static let free = CommandPath(kind: .direct, submitUS: 0, syncUS: 0)

    /// Submit plus sync: the overhead of one round trip through this path.
    public var roundTripUS: Double { submitUS + syncUS }
}

extension CommandPath: Encodable {
    enum CodingKeys: String, CodingKey {
        case kind, source
        case submitUS = "submit_us"
        case syncUS = "sync_us"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(kind, forKey: .kind)
        try keyed.encode(submitUS, forKey: .submitUS)
        try keyed.encode(syncUS, forKey: .syncUS)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
