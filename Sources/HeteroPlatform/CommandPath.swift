/// The path through which the host submits work to a unit and learns that it finished, with the
/// cost of each submission.
///
/// A submission is a compiled subgraph: a maximal run of operators on units of one command
/// `queue` that takes no input from a unit of another queue (NVDLA's kernel driver submits one
/// task and the firmware programs each hardware layer from dependency counts; the Meteor Lake NPU
/// runs a compiled blob; an ONNX Runtime or OpenVINO subgraph is one call). The host pays
/// `submitUS` once per submission; the unit pays `operationUS` for every operator (or fused
/// chain) inside it: the device-side cost of programming one layer or launching one kernel.
/// `syncUS` is paid when a consumer on another queue waits for a producer on this one; units of
/// one queue synchronise through hardware barriers or dependency counts, at no host cost.
public struct CommandPath: Sendable, Hashable {
    public var kind: CommandPathKind
    /// Host-side time to submit one subgraph, in microseconds.
    public var submitUS: Double
    /// Time from the unit finishing until the host (or the next unit) may proceed, in microseconds.
    public var syncUS: Double
    /// Device-side time per operator inside a submission (layer programming, kernel launch).
    public var operationUS: Double
    /// The command queue the unit shares with others (the NPU's DPU and SHAVE tiles run one
    /// compiled graph); `nil` means a queue of its own.
    public var queue: String?
    public var source: SourceNotes?

    public init(kind: CommandPathKind, submitUS: Double, syncUS: Double, operationUS: Double = 0, queue: String? = nil,
                source: SourceNotes? = nil) {
        self.kind = kind
        self.submitUS = submitUS
        self.syncUS = syncUS
        self.operationUS = operationUS
        self.queue = queue
        self.source = source
    }

    /// A direct call with no overhead (the classic scheduling model).
    public static let free = CommandPath(kind: .direct, submitUS: 0, syncUS: 0)

    /// Submit plus sync: the overhead of one round trip through this path.
    public var roundTripUS: Double { submitUS + syncUS }
}

extension CommandPath: Encodable {
    enum CodingKeys: String, CodingKey {
        case kind, queue, source
        case submitUS = "submit_us"
        case syncUS = "sync_us"
        case operationUS = "operation_us"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(kind, forKey: .kind)
        try keyed.encode(submitUS, forKey: .submitUS)
        try keyed.encode(syncUS, forKey: .syncUS)
        if operationUS != 0 { try keyed.encode(operationUS, forKey: .operationUS) }
        try keyed.encodeIfPresent(queue, forKey: .queue)
        try keyed.encodeIfPresent(source, forKey: .source)
    }
}
