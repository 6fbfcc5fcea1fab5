/// An operator of the graph IR.
public struct Operator: Codable, Sendable, Hashable {
    public var name: String
    /// The operator type as in ONNX (`Conv`, `Relu`, ...), or `Task` for task-graph nodes.
    public var type: String
    public var attributes: [String: AttributeValue]
    /// Input tensor names in ONNX positional order; an omitted optional input is `""`.
    public var inputs: [String]
    public var outputs: [String]
    /// Filled in by `Graph` from shapes (see `WorkFigures`).
    public var work: Work
    /// Measured costs in microseconds per unit name, for task-graph inputs; `nil` for a unit
    /// means the unit cannot run the task. `nil` altogether means: use the cost model.
    public var explicitCostsUS: [String: Double?]?
    /// The integer type a quantized operator computes in (`int8`, or `int4`/`int16` as its
    /// quantized inputs are): set by `QDQFolding` on an operator whose inputs were dequantized and
    /// whose output was quantized. `nil` for an operator computing in its tensors' own type.
    public var quantizedType: ElementType?

    public init(name: String, type: String, attributes: [String: AttributeValue] = [:], inputs: [String], outputs: [String],
                work: Work = .zero, explicitCostsUS: [String: Double?]? = nil, quantizedType: ElementType? = nil) {
        self.name = name
        self.type = type
        self.attributes = attributes
        self.inputs = inputs
        self.outputs = outputs
        self.work = work
        self.explicitCostsUS = explicitCostsUS
        self.quantizedType = quantizedType
    }

    /// The operator's description in messages: `Conv "conv1"`.
    public var label: String { "\(type) \"\(name)\"" }
}
