import Foundation
import HeteroIR
import HeteroSupport
import SwiftProtobuf

/// Imports an ONNX model (opsets 7–28) into the graph IR with static shapes.
///
/// Load-time computation is folded: `Constant` and `ConstantOfShape` nodes, `Shape` of a static
/// tensor, and layout or integer arithmetic operators whose inputs are all constants become
/// constant tensors instead of runtime operators. Constants no operator reads are dropped, so the
/// weight figures count only real weights. QDQ groups (DequantizeLinear → operator →
/// QuantizeLinear) are folded into integer operators as runtimes fold them (`QDQFolding`).
public struct ONNXImporter: Sendable {
    /// Default-domain opsets read: 7 through the newest the `onnx` 1.23 release defines. Shape
    /// rules follow each opset's form of an operator (e.g. axes, pads, split sizes, k and scales
    /// as attributes in older opsets and as constant inputs in newer ones).
    public static let supportedOpsets = 7...28

    /// Operator domains read: the default one, ONNX Runtime's contrib operators and its NCHWc
    /// layout operators (`ShapeInference.inferNCHWc`).
    public static let supportedDomains: Set<String> = ["", "ai.onnx", "com.microsoft", "com.microsoft.nchwc"]

    /// Operators evaluated at load time when all their inputs are constants.
    static let foldableTypes: Set<String> = [
        "Unsqueeze", "Squeeze", "Reshape", "Cast", "CastLike", "Identity", "Flatten", "Transpose", "Concat", "Gather",
        "Slice", "Add", "Sub", "Mul", "Div", "Mod", "Neg", "Abs", "Sign", "Max", "Min", "Expand", "Shape", "Size", "Split",
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Where", "Range", "Tile",
        "ReduceProd", "ReduceSum", "ReduceMax", "ReduceMin",
    ]

    /// Shapes for graph inputs, overriding or completing the model's declared shapes.
    public var inputShapes: [String: [Int]]
    /// Sizes of symbolic input dimensions and caps on data-dependent dimensions (`DimensionBounds`).
    public var dimensionBounds: [String: Int]

    public init(inputShapes: [String: [Int]] = [:], dimensionBounds: [String: Int] = [:]) {
        self.inputShapes = inputShapes
        self.dimensionBounds = dimensionBounds
    }

    /// Imports `bytes` read from `file` (the name is used in messages only).
    public func importModel(_ bytes: [UInt8], file: String) throws(ImportError) -> Graph {
        try importModel(decoded: Self.decode(bytes, file: file), file: file)
    }

    /// Imports the ONNX model in `file`, reading it with positioned reads: the payloads of large
    /// tensors are skipped unread (`ONNXWeightPayloads`), and a file truncated while it is read is
    /// an error naming it, never a SIGBUS (the file is not memory-mapped; issue 12).
    public func importModel(file: InputFile) throws(ImportError) -> Graph {
        guard file.size > 0 else { throw .empty(file: file.path) }
        let bytes: [UInt8]
        do {
            if let stripped = try ONNXWeightPayloads.stripped(file) { bytes = stripped } else { bytes = try file.readAll() }
        } catch { throw .document(error) }
        return try importModel(decoded: Self.parse(bytes, file: file.path), file: file.path)
    }

    /// Decodes the model without the values of tensors the importer never reads
    /// (`ONNXWeightPayloads`); the original bytes when nothing is dropped or they are malformed.
    static func decode(_ bytes: [UInt8], file: String) throws(ImportError) -> Onnx_ModelProto {
        let stripped = bytes.withUnsafeBytes { ONNXWeightPayloads.stripped($0) }
        return try parse(stripped ?? bytes, file: file)
    }

    static func parse(_ bytes: [UInt8], file: String) throws(ImportError) -> Onnx_ModelProto {
        do {
            return try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw .malformedONNX(file: file, reason: "protobuf decoding failed (\(error)); the file may be truncated or not ONNX")
        }
    }

    func importModel(decoded model: Onnx_ModelProto, file: String) throws(ImportError) -> Graph {
        guard model.hasGraph, !model.graph.node.isEmpty else { throw .noGraph(file: file) }
        guard model.irVersion > 0 else {
            throw .malformedONNX(file: file, reason: "ir_version is missing")
        }
        let opsets = model.opsetImport.filter { $0.domain.isEmpty || $0.domain == "ai.onnx" }
        guard let opset = opsets.first.map({ Int($0.version) }) else {
            throw .malformedONNX(file: file, reason: "no opset_import for the default ONNX domain")
        }
        guard Self.supportedOpsets.contains(opset) else { throw .unsupportedOpset(file: file, version: opset) }
        guard !model.graph.output.isEmpty else { throw .noGraphOutputs(file: file) }

        var builder = ONNXGraphBuilder(file: file, opset: opset, dimensionBounds: dimensionBounds)
        try builder.addInitializers(model.graph.initializer)
        try builder.addInputs(model.graph.input, overrides: inputShapes)
        try builder.addNodes(model.graph.node)
        for name in dimensionBounds.keys.sorted() where !builder.appliedBounds.contains(name) {
            throw .unknownDimensionBound(file: file, name: name, known: builder.boundableNames)
        }
        let name = model.graph.name.isEmpty ? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent : model.graph.name
        let graph = try builder.finish(name: name, outputs: model.graph.output.map(\.name))
        do { return try QDQFolding.fold(graph) } catch { throw .graph(file: file, error) }
    }

    /// Decodes the protobuf only and returns the node count: the baseline the import benchmark
    /// compares a full import (folding, shape inference, validation) against.
    public static func decodeOnly(_ bytes: [UInt8]) throws(ImportError) -> Int {
        do {
            return try Onnx_ModelProto(serializedBytes: bytes).graph.node.count
        } catch {
            throw .malformedONNX(file: "(memory)", reason: "\(error)")
        }
    }

    /// Reads and imports an ONNX file.
    public func importModel(path: String) throws(ImportError) -> Graph {
        let file: InputFile
        do { file = try InputFile(path) } catch { throw .document(error) }
        return try importModel(file: file)
    }
}
