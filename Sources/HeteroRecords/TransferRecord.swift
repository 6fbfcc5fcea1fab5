/// A tensor copied from its producer's memory to a consumer unit's memory.
///
/// One definition for both forms of a plan: `Reference` is `Int` (indices into the graph and the
/// platform) in the planner's schedules, `ScheduledTransfer`, and `String` (names) in the plan@1
/// document, `PlanDocument.Transfer`. The coding keys are the document's.
public struct TransferRecord<Reference: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var tensor: Reference
    public var producer: Reference
    public var fromUnit: Reference
    public var toUnit: Reference
    public var bytes: Int
    public var startUS: Double
    public var finishUS: Double

    public init(tensor: Reference, producer: Reference, fromUnit: Reference, toUnit: Reference, bytes: Int, startUS: Double,
                finishUS: Double) {
        self.tensor = tensor
        self.producer = producer
        self.fromUnit = fromUnit
        self.toUnit = toUnit
        self.bytes = bytes
        self.startUS = startUS
        self.finishUS = finishUS
    }

    enum CodingKeys: String, CodingKey {
        case tensor, producer, bytes
        case fromUnit = "from_unit"
        case toUnit = "to_unit"
        case startUS = "start_us"
        case finishUS = "finish_us"
    }
}

/// A transfer in the planner's schedules: tensor, producer and units by index.
public typealias ScheduledTransfer = TransferRecord<Int>
