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
    /// A recomputation: the tensor's producer (`producer`) runs again on `unit` just before
    /// `consumer`, reading `inputs` where they live, and writes the tensor into `toMemory` (the
    /// resident memory it was discarded from after its earlier readers) instead of the tensor
    /// being evicted to DRAM and read back from there. `fromMemory` is `toMemory`: nothing is copied.
    case recompute
}

/// A memory copy: a tensor stored from its home memory to a spill memory after it is produced,
/// reloaded before a consumer, or a weight prefetched into a unit's resident memory; or, instead
/// of a copy, a tensor recomputed into its resident memory before a consumer (`SpillKind.recompute`).
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
    /// For a recomputation, the operator run again (the tensor's producer), the unit it runs on
    /// (the consumer's) and the tensors it reads (its activation inputs; weights are read where
    /// they are stored); nil otherwise.
    public var producer: Reference?
    public var unit: Reference?
    public var inputs: [Reference]?

    public init(kind: SpillKind, tensor: Reference, fromMemory: Reference, toMemory: Reference, bytes: Int, startUS: Double,
                finishUS: Double, consumer: Reference? = nil, producer: Reference? = nil, unit: Reference? = nil, inputs: [Reference]? = nil) {
        self.kind = kind
        self.tensor = tensor
        self.fromMemory = fromMemory
        self.toMemory = toMemory
        self.bytes = bytes
        self.startUS = startUS
        self.finishUS = finishUS
        self.consumer = consumer
        self.producer = producer
        self.unit = unit
        self.inputs = inputs
    }

    enum CodingKeys: String, CodingKey {
        case kind, tensor, bytes, consumer, producer, unit, inputs
        case fromMemory = "from_memory"
        case toMemory = "to_memory"
        case startUS = "start_us"
        case finishUS = "finish_us"
    }
}

/// A spill copy in the planner's schedules: tensor, memories and consumer by index.
public typealias ScheduledSpill = SpillRecord<Int>
