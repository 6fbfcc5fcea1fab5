/// Where a tensor lives in one memory (its offset and size), and when the plan expects it to.
///
/// One definition for both forms of a plan: `Reference` is `Int` in the memory plan,
/// `MemoryPlan.Buffer`, and `String` in the plan@1 document, `PlanDocument.Buffer`.
public struct BufferRecord<Reference: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var tensor: Reference
    public var memory: Reference
    public var offset: Int
    public var bytes: Int
    public var startUS: Double
    public var endUS: Double

    public init(tensor: Reference, memory: Reference, offset: Int, bytes: Int, startUS: Double, endUS: Double) {
        self.tensor = tensor
        self.memory = memory
        self.offset = offset
        self.bytes = bytes
        self.startUS = startUS
        self.endUS = endUS
    }

    enum CodingKeys: String, CodingKey {
        case tensor, memory, offset, bytes
        case startUS = "start_us"
        case endUS = "end_us"
    }
}
