/// Which way a memory copy goes.
public enum SpillKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// From the tensor's home memory to the spill memory, after its producer.
    case store
    /// Back from the spill memory, before `consumer` reads it at home.
    case reload
    /// A weight from the memory it is stored in into `consumer`'s unit's resident memory, made
    /// while the operator before `consumer` on that unit runs (double buffering), so that
    /// `consumer` reads it on chip instead of streaming it.
    case prefetch
}

/// A memory copy: a tensor stored from its home memory to a spill memory after it is produced,
/// reloaded before a consumer, or a weight prefetched into a unit's resident memory.
///
/// One definition for both forms of a plan: `Reference` is `Int` in the planner's schedules,
/// `ScheduledSpill`, and `String` in the plan@1 document, `PlanDocument.SpillCopy`.
public struct SpillRecord<Reference: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public typealias Kind = SpillKind
    public var kind: SpillKind
    public var tensor: Reference
    public var fromMemory: Reference
    public var toMemory: Reference
    public var bytes: Int
    public var startUS: Double
    public var finishUS: Double
    /// For a reload or a prefetch, the operator it is made for (nil for a store).
    public var consumer: Reference?

    public init(kind: SpillKind, tensor: Reference, fromMemory: Reference, toMemory: Reference, bytes: Int, startUS: Double,
                finishUS: Double, consumer: Reference? = nil) {
        self.kind = kind
        self.tensor = tensor
        self.fromMemory = fromMemory
        self.toMemory = toMemory
        self.bytes = bytes
        self.startUS = startUS
        self.finishUS = finishUS
        self.consumer = consumer
    }

    enum CodingKeys: String, CodingKey {
        case kind, tensor, bytes, consumer
        case fromMemory = "from_memory"
        case toMemory = "to_memory"
        case startUS = "start_us"
        case finishUS = "finish_us"
    }
}

/// A spill copy in the planner's schedules: tensor, memories and consumer by index.
public typealias ScheduledSpill = SpillRecord<Int>
