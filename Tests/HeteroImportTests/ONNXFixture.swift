import Foundation
@testable import HeteroImport

/// Builds small ONNX models in memory for tests.
struct ONNXFixture {
    var model = Onnx_ModelProto()

    init(opset: Int64 = 13) {
        model.irVersion = 8
        var opsetID = Onnx_OperatorSetIdProto()
        opsetID.domain = ""
        opsetID.version = opset
        model.opsetImport = [opsetID]
        model.graph.name = "fixture"
    }

    mutating func input(_ name: String, _ dims: [Any]) {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var type = Onnx_TypeProto.Tensor()
        type.elemType = 1
        var shape = Onnx_TensorShapeProto()
        shape.dim = dims.map { dimension in
            var d = Onnx_TensorShapeProto.Dimension()
            if let value = dimension as? Int { d.dimValue = Int64(value) } else { d.dimParam = "\(dimension)" }
            return d
        }
        type.shape = shape
        info.type.tensorType = type
        model.graph.input.append(info)
    }

    mutating func weight(_ name: String, _ dims: [Int]) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = 1
        tensor.dims = dims.map(Int64.init)
        model.graph.initializer.append(tensor)
    }

    /// An initializer of ONNX element type `dataType` (3 int8, 2 uint8, 6 int32, 1 float) with
    /// `values` (float) or `intValues` (8-, 16- and 32-bit integers) when given, else only its shape.
    mutating func typed(_ name: String, _ dims: [Int], dataType: Int32, values: [Float]? = nil, intValues: [Int]? = nil) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = dataType
        tensor.dims = dims.map(Int64.init)
        if let values { tensor.floatData = values }
        if let intValues { tensor.int32Data = intValues.map(Int32.init) }
        model.graph.initializer.append(tensor)
    }

    /// A float32 initializer whose values are `raw_data` bytes all equal to `fill`.
    mutating func rawWeight(_ name: String, _ dims: [Int], fill: UInt8 = 0) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = 1
        tensor.dims = dims.map(Int64.init)
        tensor.rawData = Data(repeating: fill, count: dims.reduce(4, *))
        model.graph.initializer.append(tensor)
    }

    mutating func ints(_ name: String, _ values: [Int]) {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dataType = 7
        tensor.dims = [Int64(values.count)]
        tensor.int64Data = values.map(Int64.init)
        model.graph.initializer.append(tensor)
    }

    mutating func node(_ type: String, _ inputs: [String], _ outputs: [String], name: String = "", domain: String = "",
                       ints: [String: [Int]] = [:], int: [String: Int] = [:]) {
        var node = Onnx_NodeProto()
        node.opType = type
        node.input = inputs
        node.output = outputs
        node.name = name
        node.domain = domain
        for (key, values) in ints.sorted(by: { $0.key < $1.key }) {
            var attribute = Onnx_AttributeProto()
            attribute.name = key
            attribute.type = .ints
            attribute.ints = values.map(Int64.init)
            node.attribute.append(attribute)
        }
        for (key, value) in int.sorted(by: { $0.key < $1.key }) {
            var attribute = Onnx_AttributeProto()
            attribute.name = key
            attribute.type = .int
            attribute.i = Int64(value)
            node.attribute.append(attribute)
        }
        model.graph.node.append(node)
    }

    mutating func output(_ name: String) {
        var info = Onnx_ValueInfoProto()
        info.name = name
        model.graph.output.append(info)
    }

    func bytes() -> [UInt8] {
        try! model.serializedBytes()
    }

    /// A valid conv -> relu model on a 1x3x8x8 input.
    static func convRelu(batch: Any = 1) -> ONNXFixture {
        var fixture = ONNXFixture()
        fixture.input("x", [batch, 3, 8, 8])
        fixture.weight("w", [4, 3, 3, 3])
        fixture.node("Conv", ["x", "w"], ["y"], name: "conv", ints: ["pads": [1, 1, 1, 1]])
        fixture.node("Relu", ["y"], ["z"], name: "relu")
        fixture.output("z")
        return fixture
    }
}
