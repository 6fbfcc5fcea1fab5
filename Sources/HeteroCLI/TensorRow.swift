import HeteroIR

/// One tensor as `inspect` reports it: what shape inference concluded about it.
struct TensorRow: Encodable {
    let name: String
    /// nil for a shapeless task-graph edge.
    let shape: [Int]?
    let elementType: String
    let kind: String
    let bytes: Int
    /// The operator writing it; nil for graph inputs and constants.
    let producer: String?

    enum CodingKeys: String, CodingKey {
        case name, shape, kind, bytes, producer
        case elementType = "element_type"
    }

    init(_ tensor: Tensor, producer: String?) {
        name = tensor.name
        shape = tensor.shape
        elementType = tensor.elementType.rawValue
        kind = tensor.kind.rawValue
        bytes = tensor.byteSize
        self.producer = producer
    }

    /// The shape as `1x3x224x224`, `scalar` for rank 0, `-` for a shapeless tensor.
    var shapeText: String {
        guard let shape else { return "-" }
        return shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "x")
    }
}
