/// A tensor of the graph IR: a named value with a static shape and a byte size.
///
/// Task-graph inputs have no shapes, only byte sizes on their edges; for them `shape` is `nil`.
public struct Tensor: Codable, Sendable, Hashable {
    public var name: String
    public var shape: [Int]?
    public var elementType: ElementType
    public var kind: TensorKind
    /// Bytes the tensor occupies in memory.
    public var byteSize: Int
    /// Values of small integer constants (shapes, axes, indices), kept so shape inference can read
    /// them. Weights keep only their shape.
    public var intValues: [Int]?
    /// Values of small floating-point constants (e.g. `Resize` scales).
    public var floatValues: [Double]?

    public init(name: String, shape: [Int], elementType: ElementType, kind: TensorKind,
                intValues: [Int]? = nil, floatValues: [Double]? = nil) {
        self.name = name
        self.shape = shape
        self.elementType = elementType
        self.kind = kind
        self.byteSize = elementType.bytes(forElements: SizeLimit.product(shape) ?? Int.max)
        self.intValues = intValues
        self.floatValues = floatValues
    }

    /// A shapeless tensor that only has a size (task-graph edges).
    public init(name: String, byteSize: Int, kind: TensorKind) {
        self.name = name
        self.shape = nil
        self.elementType = .uint8
        self.kind = kind
        self.byteSize = byteSize
        self.intValues = nil
        self.floatValues = nil
    }

    /// Number of elements, or `nil` for a shapeless tensor (saturating at `Int.max` past
    /// `SizeLimit.maximum`; importers refuse such tensors before they reach the graph).
    public var elementCount: Int? { shape.map { SizeLimit.product($0) ?? Int.max } }

    /// The rank, or 0 for a shapeless tensor.
    public var rank: Int { shape?.count ?? 0 }
}
