/// What shape inference knows about one operator output.
public struct InferredTensor: Sendable, Hashable {
    public var shape: [Int]
    public var elementType: ElementType
    /// Known values of a small integer tensor (shape arithmetic), propagated so that a later
    /// `Reshape` or `Slice` can read them.
    public var intValues: [Int]?

    public init(shape: [Int], elementType: ElementType, intValues: [Int]? = nil) {
        self.shape = shape
        self.elementType = elementType
        self.intValues = intValues
    }
}
