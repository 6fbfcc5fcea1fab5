/// The view a shape rule has of one operator: its attributes and input tensors, with helpers
/// that turn missing or malformed pieces into `GraphError.shape` naming the operator.
public struct ShapeContext {
    public let op: Operator
    public let inputs: [Tensor?]

    public init(op: Operator, inputs: [Tensor?]) {
        self.op = op
        self.inputs = inputs
    }

    /// Integer tensors with at most this many elements keep their values.
    public static let maximumTrackedValues = 4096

    public func fail(_ message: String) -> GraphError {
        .shape(operator: op.name, type: op.type, message: message)
    }

    public var inputCount: Int { inputs.count }

    /// The operator's domain: empty for ONNX's default domain, else as the importer recorded it in
    /// the `domain` attribute (e.g. `com.microsoft`).
    public var domain: String { op.attributes["domain"]?.stringValue ?? "" }

    /// The input at `index`, which must be present and shaped.
    public func input(_ index: Int) throws(GraphError) -> Tensor {
        guard index < inputs.count, let tensor = inputs[index] else {
            throw fail("missing required input \(index)")
        }
        guard tensor.shape != nil else { throw fail("input \(index) (\"\(tensor.name)\") has no shape") }
        return tensor
    }

    public func optionalInput(_ index: Int) -> Tensor? {
        index < inputs.count ? inputs[index] : nil
    }

    public func shape(_ index: Int) throws(GraphError) -> [Int] {
        try input(index).shape!
    }

    /// Values of a constant integer input (shapes, axes, pads), or nil when the input is absent.
    public func intValues(ofInput index: Int) throws(GraphError) -> [Int]? {
        guard let tensor = optionalInput(index) else { return nil }
        guard let values = tensor.intValues else {
            throw fail("input \(index) (\"\(tensor.name)\") must be a constant known at load time")
        }
        return values
    }

    /// An integer list given as attribute `name` (older opsets) or as constant input `index` (newer).
    public func intList(attribute name: String, orInput index: Int) throws(GraphError) -> [Int]? {
        if let values = ints(name) { return values }
        return try intValues(ofInput: index)
    }

    public func int(_ name: String) -> Int? { op.attributes[name]?.intValue }
    public func int(_ name: String, default value: Int) -> Int { int(name) ?? value }
    public func ints(_ name: String) -> [Int]? { op.attributes[name]?.intsValue }
    public func float(_ name: String) -> Double? { op.attributes[name]?.floatValue }
    public func floats(_ name: String) -> [Double]? { op.attributes[name]?.floatsValue }
    public func string(_ name: String) -> String? { op.attributes[name]?.stringValue }

    /// Normalises a possibly negative axis for a tensor of the given rank.
    public func axis(_ axis: Int, rank: Int) throws(GraphError) -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0 && normalized < rank else {
            let expected = rank > 0 ? "expected \(-rank) to \(rank - 1)" : "a rank-0 tensor has no axis"
            throw fail("axis \(axis) is out of range for rank \(rank) (\(expected))")
        }
        return normalized
    }

    /// The element count of `shape`, which must be within `SizeLimit.maximum`.
    public func elementCount(_ shape: [Int]) throws(GraphError) -> Int {
        guard let count = SizeLimit.product(shape) else {
            throw fail("shape \(shape) has a negative dimension or more than 2^53 elements")
        }
        return count
    }

    /// Values to keep for an output of the given shape, when small enough.
    public func tracked(_ values: [Int]?, shape: [Int]) -> [Int]? {
        guard let values, values.count == SizeLimit.product(shape), values.count <= Self.maximumTrackedValues else { return nil }
        return values
    }
}
