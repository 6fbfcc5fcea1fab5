import Foundation
import HeteroIR
import SwiftProtobuf

/// Cuts ONNX models out of an ONNX model: the nodes of given operators, with given boundary
/// tensors as graph inputs and outputs (shapes and element types from the imported graph) and the
/// constants those nodes read carried over.
///
/// A constant input is carried as the model's initializer of that name, or, for a value the
/// importer folded (shape arithmetic, `Constant`), as an initializer holding the folded integer or
/// float values, or else by copying the folded nodes that compute it (a `ConstantOfShape` weight
/// and its shape initializer). Opsets, IR version and node attributes are copied unchanged.
public struct ONNXSubgraphExtractor {
    let model: Onnx_ModelProto
    let file: String
    let graph: Graph
    /// Top-level node index of each operator name, as the importer names nodes.
    let nodeOfOperator: [String: Int]
    /// Top-level node producing each tensor.
    let producerNode: [String: Int]
    let initializers: [String: Onnx_TensorProto]

    /// Decodes the model at `file` (`bytes`) whose imported graph is `graph`.
    public init(bytes: [UInt8], file: String, graph: Graph) throws(ImportError) {
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw .malformedONNX(file: file, reason: "protobuf decoding failed (\(error)); the file may be truncated or not ONNX")
        }
        self.file = file
        self.graph = graph
        var used = Set<String>()
        let names = ONNXGraphBuilder.operatorNames(model.graph.node, used: &used)
        nodeOfOperator = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var producers: [String: Int] = [:]
        for (index, node) in model.graph.node.enumerated() { for output in node.output where !output.isEmpty { producers[output] = index } }
        producerNode = producers
        initializers = Dictionary(model.graph.initializer.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The serialized ONNX model of one subgraph.
    ///
    /// - Parameters:
    ///   - operators: operator names of the imported graph, in an order that respects their
    ///     dependencies.
    ///   - inputs, outputs: the boundary tensors, by name.
    /// - Throws: `ImportError.badTensorData` for an operator that is not a node of the top-level
    ///   graph (inlined control flow) or a constant that cannot be carried over.
    public func extract(name: String, operators: [String], inputs: [String], outputs: [String]) throws(ImportError) -> [UInt8] {
        var nodes: [Int] = []
        var own = Set<String>()
        for op in operators {
            guard let index = nodeOfOperator[op], let irOp = graph.operatorIndex[op].map({ graph.operators[$0] }),
                  model.graph.node[index].opType == irOp.type, model.graph.node[index].output == irOp.outputs else {
                throw .badTensorData(file: file, tensor: op, reason: "operator \"\(op)\" is not a node of the model's top-level graph (operators inlined from If, Loop or Scan bodies cannot be exported)")
            }
            nodes.append(index)
            own.formUnion(model.graph.node[index].output)
        }
        var carried: [Onnx_TensorProto] = []
        var foldedNodes = Set<Int>()
        var done = own.union(inputs)
        var pending = nodes.flatMap { model.graph.node[$0].input }.filter { !$0.isEmpty }
        while let tensor = pending.popLast() {
            guard !done.contains(tensor) else { continue }
            done.insert(tensor)
            if var proto = initializers[tensor] {
                guard proto.dataLocation != .external else {
                    throw .badTensorData(file: file, tensor: tensor, reason: "weights in external data files cannot be exported")
                }
                proto.name = tensor
                carried.append(proto)
            } else if let proto = foldedValue(tensor) {
                carried.append(proto)
            } else if let node = producerNode[tensor], nodeOfOperatorIndex(node) == nil {
                foldedNodes.insert(node)
                pending += model.graph.node[node].input.filter { !$0.isEmpty }
            } else {
                throw .badTensorData(file: file, tensor: tensor, reason: "read by subgraph \(name) but neither a boundary input, a weight nor a constant")
            }
        }
        let included = Array(foldedNodes).sorted() + nodes
        let position = Dictionary(included.enumerated().map { (model.graph.node[$1].output, $0) }.flatMap { outputs, at in outputs.map { ($0, at) } },
                                  uniquingKeysWith: { first, _ in first })
        let predecessors = included.map { node in model.graph.node[node].input.compactMap { position[$0] } }
        guard case .ordered(let order) = DependencyOrder.order(predecessors: predecessors) else {
            throw .badTensorData(file: file, tensor: name, reason: "the nodes of subgraph \(name) form a cycle")
        }
        var subgraph = Onnx_GraphProto()
        subgraph.name = name
        subgraph.node = order.map { model.graph.node[included[$0]] }
        subgraph.initializer = carried.sorted { $0.name < $1.name }
        subgraph.input = try inputs.map(valueInfo)
        subgraph.output = try outputs.map(valueInfo)
        var result = Onnx_ModelProto()
        result.irVersion = model.irVersion
        result.opsetImport = model.opsetImport
        result.producerName = "hetero-plan export"
        result.graph = subgraph
        do {
            return try result.serializedBytes()
        } catch {
            throw .badTensorData(file: file, tensor: name, reason: "cannot serialize subgraph \(name): \(error)")
        }
    }

    /// Whether the node is an operator of the imported graph (not folded at import).
    private func nodeOfOperatorIndex(_ node: Int) -> Int? {
        for output in model.graph.node[node].output where !output.isEmpty {
            if let tensor = graph.tensorIndex[output], let op = graph.producer[tensor] { return op }
        }
        return nil
    }

    /// A constant the importer folded to known values, as an initializer.
    private func foldedValue(_ name: String) -> Onnx_TensorProto? {
        guard let index = graph.tensorIndex[name] else { return nil }
        let tensor = graph.tensors[index]
        guard tensor.kind == .constant, let shape = tensor.shape else { return nil }
        let count = shape.reduce(1, *)
        var proto = Onnx_TensorProto()
        proto.name = name
        proto.dims = shape.map { Int64($0) }
        proto.dataType = Int32(tensor.elementType.onnxCode)
        if let values = tensor.intValues, values.count == count {
            switch tensor.elementType {
            case .int64: proto.int64Data = values.map { Int64($0) }
            case .int32, .int16, .int8, .uint16, .uint8, .bool: proto.int32Data = values.map { Int32(truncatingIfNeeded: $0) }
            default: return nil
            }
            return proto
        }
        if let values = tensor.floatValues, values.count == count {
            switch tensor.elementType {
            case .float32: proto.floatData = values.map { Float($0) }
            case .float64: proto.doubleData = values
            default: return nil
            }
            return proto
        }
        return nil
    }

    private func valueInfo(_ name: String) throws(ImportError) -> Onnx_ValueInfoProto {
        guard let index = graph.tensorIndex[name], let shape = graph.tensors[index].shape else {
            throw .badTensorData(file: file, tensor: name, reason: "boundary tensor with no known shape")
        }
        var info = Onnx_ValueInfoProto()
        info.name = name
        var type = Onnx_TypeProto.Tensor()
        type.elemType = Int32(graph.tensors[index].elementType.onnxCode)
        var tensorShape = Onnx_TensorShapeProto()
        tensorShape.dim = shape.map { size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            dimension.value = .dimValue(Int64(size))
            return dimension
        }
        type.shape = tensorShape
        info.type.tensorType = type
        return info
    }
}
