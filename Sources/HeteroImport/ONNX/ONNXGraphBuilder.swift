import HeteroIR

/// Accumulates tensors and operators while an ONNX graph is read in dependency order.
struct ONNXGraphBuilder {
    let file: String
    let opset: Int
    var tensors: [String: Tensor] = [:]
    var tensorOrder: [String] = []
    var operators: [Operator] = []
    private var inputNames: [String] = []
    private var usedOperatorNames: Set<String> = []
    /// `--max-dim` bounds (`DimensionBounds`), the names among them applied, and the names that
    /// could have been given (for the error naming an unknown one).
    let dimensionBounds: [String: Int]
    private(set) var appliedBounds: Set<String> = []
    private(set) var boundableNames: [String] = []
    /// Where the nodes being added live, for errors: empty for the main graph, else e.g.
    /// `the body of Loop "loop1"` (`ONNXGraphBuilder+ControlFlow`).
    var scope = ""
    /// The NCHWc channel block of the nodes being added (`nchwcBlock(_:tensors:)`), given to each
    /// NCHWc `ReorderInput` as the attribute `ShapeInference.nchwcBlockAttribute`.
    var nchwcBlock: Int?

    init(file: String, opset: Int, dimensionBounds: [String: Int] = [:]) {
        self.file = file
        self.opset = opset
        self.dimensionBounds = dimensionBounds
    }

    mutating func define(_ tensor: Tensor) throws(ImportError) {
        guard tensors[tensor.name] == nil else {
            throw .graph(file: file, .duplicateTensor(tensor.name))
        }
        tensors[tensor.name] = tensor
        tensorOrder.append(tensor.name)
    }

    mutating func addInitializers(_ initializers: [Onnx_TensorProto]) throws(ImportError) {
        for proto in initializers {
            try define(try ONNXTensorData.tensor(proto, name: proto.name, file: file))
        }
    }

    mutating func addInputs(_ inputs: [Onnx_ValueInfoProto], overrides: [String: [Int]]) throws(ImportError) {
        let runtimeInputs = inputs.filter { tensors[$0.name] == nil }
        for name in overrides.keys.sorted() where !runtimeInputs.contains(where: { $0.name == name }) {
            throw .unknownShapeOverride(file: file, name: name, inputs: runtimeInputs.map(\.name))
        }
        for input in runtimeInputs {
            let tensorType = input.type.tensorType
            guard let type = ElementType(onnxCode: Int(tensorType.elemType)) else {
                throw .badTensorData(file: file, tensor: input.name, reason: "unsupported element type code \(tensorType.elemType)")
            }
            if type == .string { throw .unsupportedInputType(file: file, input: input.name, type: "string") }
            let declared = tensorType.shape.dim.map { dimension -> String in
                switch dimension.value {
                case .dimValue(let value) where value >= 0: return String(value)
                case .dimParam(let symbol) where !symbol.isEmpty: return symbol
                default: return "?"
                }
            }
            var shape: [Int]
            if let override = overrides[input.name] {
                // A fixed dimension may be overridden too (e.g. a larger batch); only the rank must agree.
                if tensorType.hasShape && declared.count != override.count {
                    throw .shapeOverrideRank(file: file, name: input.name, declared: declared, given: override)
                }
                shape = override
            } else {
                guard tensorType.hasShape else {
                    throw .graph(file: file, .unknownDimension(input: input.name, dimension: 0, symbol: "no shape declared"))
                }
                shape = []
                for (axis, text) in declared.enumerated() {
                    if Int(text) == nil && text != "?" && !boundableNames.contains(text) { boundableNames.append(text) }
                    if Int(text) == nil, let bound = dimensionBounds[text] {
                        appliedBounds.insert(text)
                        shape.append(bound)
                        continue
                    }
                    guard let size = Int(text) else {
                        throw .graph(file: file, .unknownDimension(input: input.name, dimension: axis, symbol: text))
                    }
                    shape.append(size)
                }
            }
            do { try SizeLimit.check(tensor: input.name, shape: shape, elementType: type) } catch { throw .graph(file: file, error) }
            try define(Tensor(name: input.name, shape: shape, elementType: type, kind: .input))
            inputNames.append(input.name)
        }
    }

    /// Adds nodes in dependency order (ONNX requires topological order, but not every exporter
    /// complies; a cycle is an error naming its nodes).
    mutating func addNodes(_ nodes: [Onnx_NodeProto]) throws(ImportError) {
        let names = Self.operatorNames(nodes, used: &usedOperatorNames)
        for (index, node) in nodes.enumerated() {
            guard ONNXImporter.supportedDomains.contains(node.domain) else {
                throw .unsupportedDomain(file: file, node: names[index], type: node.opType, domain: node.domain)
            }
            if node.domain.isEmpty || node.domain == "ai.onnx", let problem = ONNXSchemaCheck.problem(of: node, opset: opset) {
                throw .schema(file: file, scope: scope, node: names[index], index: index, type: node.opType, opset: opset, problem)
            }
        }
        nchwcBlock = Self.nchwcBlock(nodes, tensors: tensors)
        var producer: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.output where !output.isEmpty {
                if let first = producer[output] {
                    throw .graph(file: file, .tensorProducedTwice(tensor: output, first: names[first], second: names[index]))
                }
                if tensors[output] != nil {
                    throw .graph(file: file, .constantOverwritten(operator: names[index], tensor: output))
                }
                producer[output] = index
            }
        }
        let predecessors = nodes.map { node in node.input.compactMap { producer[$0] } }
        switch DependencyOrder.order(predecessors: predecessors) {
        case .cycle(let cycle):
            throw .graph(file: file, .cycle(cycle.map { names[$0] }))
        case .ordered(let order):
            for index in order { try addNode(nodes[index], name: names[index]) }
        }
    }

    /// The operator name of each node: its own, or `TYPE_INDEX` when it has none, with `#2`, `#3`,
    /// ... after a name already in `used` (the export maps plan operators back to nodes with it).
    static func operatorNames(_ nodes: [Onnx_NodeProto], used: inout Set<String>) -> [String] {
        var names: [String] = []
        for (index, node) in nodes.enumerated() {
            var name = node.name.isEmpty ? "\(node.opType)_\(index)" : node.name
            if used.contains(name) {
                var suffix = 2
                while used.contains("\(name)#\(suffix)") { suffix += 1 }
                name = "\(name)#\(suffix)"
            }
            used.insert(name)
            names.append(name)
        }
        return names
    }

    mutating func addNode(_ node: Onnx_NodeProto, name: String) throws(ImportError) {
        var inputs: [Tensor?] = []
        for input in node.input {
            if input.isEmpty { inputs.append(nil); continue }
            guard let tensor = tensors[input] else {
                throw .graph(file: file, .unknownInput(operator: name, tensor: input))
            }
            inputs.append(tensor)
        }
        while let last = inputs.last, last == nil { inputs.removeLast() }

        switch node.opType {
        case "Constant":
            try define(try constantValue(node, name: name))
            return
        case "If":
            try addIf(node, name: name, inputs: inputs)
            return
        case "Loop":
            try addLoop(node, name: name, inputs: inputs)
            return
        case "Scan":
            try addScan(node, name: name, inputs: inputs)
            return
        case "ConstantOfShape":
            if let shape = inputs.first??.intValues {
                try define(try constantOfShape(node, name: name, shape: shape))
                return
            }
        default:
            break
        }

        var attributes = ONNXAttributes.convert(node.attribute)
        if !(node.domain.isEmpty || node.domain == "ai.onnx") { attributes["domain"] = .string(node.domain) }
        if node.domain == ShapeInference.nchwcDomain, node.opType == "ReorderInput", let nchwcBlock {
            attributes[ShapeInference.nchwcBlockAttribute] = .int(nchwcBlock)
        }
        var op = Operator(name: name, type: node.opType, attributes: attributes, inputs: node.input, outputs: node.output)
        var inferred: [InferredTensor]
        do { inferred = try ShapeInference.infer(op, inputs: inputs) } catch { throw .graph(file: file, error) }
        for (index, output) in node.output.enumerated() where index < inferred.count && !output.isEmpty {
            guard let axis = ShapeInference.dataDependentAxis(of: op, output: index, rank: inputs.first??.rank ?? 0),
                  axis >= 0, axis < inferred[index].shape.count else { continue }
            boundableNames.append(output)
            if let bound = dimensionBounds[output] {
                inferred[index].shape[axis] = Swift.min(inferred[index].shape[axis], bound)
                appliedBounds.insert(output)
            }
        }
        if let last = node.output.lastIndex(where: { !$0.isEmpty }), last >= inferred.count {
            throw .graph(file: file, .shape(operator: name, type: node.opType,
                                            message: "declares \(last + 1) outputs but the operator produces \(inferred.count)"))
        }
        let present = inputs.compactMap { $0 }
        let folds = node.opType == "Shape" || node.opType == "Size"
            || (Self.foldable(node.opType) && !present.isEmpty && present.allSatisfy { $0.kind == .constant })
        var outputs: [Tensor] = []
        for (index, output) in node.output.enumerated() where !output.isEmpty {
            let info = inferred[index]
            let tensor = Tensor(name: output, shape: info.shape, elementType: info.elementType,
                                kind: folds ? .constant : .activation, intValues: info.intValues)
            try define(tensor)
            outputs.append(tensor)
        }
        if folds { return }
        do { op.work = try WorkFigures.work(of: op, inputs: inputs, outputs: outputs) } catch { throw .graph(file: file, error) }
        operators.append(op)
    }

    private static func foldable(_ type: String) -> Bool {
        ONNXImporter.foldableTypes.contains(type)
    }

    /// `Constant`: the value is one of several attributes.
    private func constantValue(_ node: Onnx_NodeProto, name: String) throws(ImportError) -> Tensor {
        guard let output = node.output.first, !output.isEmpty else {
            throw .graph(file: file, .shape(operator: name, type: "Constant", message: "has no output"))
        }
        for attribute in node.attribute {
            switch attribute.name {
            case "value":
                var tensor = try ONNXTensorData.tensor(attribute.t, name: output, file: file)
                tensor.kind = .constant
                return tensor
            case "value_float":
                return Tensor(name: output, shape: [], elementType: .float32, kind: .constant, floatValues: [Double(attribute.f)])
            case "value_floats":
                return Tensor(name: output, shape: [attribute.floats.count], elementType: .float32, kind: .constant,
                              floatValues: attribute.floats.map(Double.init))
            case "value_int":
                return Tensor(name: output, shape: [], elementType: .int64, kind: .constant, intValues: [Int(attribute.i)])
            case "value_ints":
                return Tensor(name: output, shape: [attribute.ints.count], elementType: .int64, kind: .constant,
                              intValues: attribute.ints.map { Int($0) })
            default:
                continue
            }
        }
        throw .graph(file: file, .shape(operator: name, type: "Constant", message: "has no supported value attribute"))
    }

    /// `ConstantOfShape` with a constant shape input: a filled constant (typically a weight).
    private func constantOfShape(_ node: Onnx_NodeProto, name: String, shape: [Int]) throws(ImportError) -> Tensor {
        guard let output = node.output.first, !output.isEmpty else {
            throw .graph(file: file, .shape(operator: name, type: "ConstantOfShape", message: "has no output"))
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw .graph(file: file, .shape(operator: name, type: "ConstantOfShape", message: "shape \(shape) has a negative dimension"))
        }
        var type = ElementType.float32
        var fill: [Int]?
        if let value = node.attribute.first(where: { $0.name == "value" }) {
            type = try ONNXTensorData.elementType(of: value.t, file: file)
            fill = try ONNXTensorData.intValues(of: value.t, type: type, count: 1, file: file)
        }
        do { try SizeLimit.check(tensor: output, shape: shape, elementType: type) } catch { throw .graph(file: file, error) }
        let count = SizeLimit.product(shape) ?? 0
        let values = fill.flatMap { count <= ShapeContext.maximumTrackedValues ? Array(repeating: $0[0], count: count) : nil }
        return Tensor(name: output, shape: shape, elementType: type, kind: .constant, intValues: values)
    }

    /// Drops constants no operator reads, then validates the graph.
    func finish(name: String, outputs: [String]) throws(ImportError) -> Graph {
        var used = Set(outputs)
        for op in operators { used.formUnion(op.inputs) }
        let kept = tensorOrder.compactMap { tensors[$0] }.filter { $0.kind != .constant || used.contains($0.name) }
        do {
            return try Graph(name: name, tensors: kept, operators: operators, inputs: inputNames, outputs: outputs)
        } catch {
            throw .graph(file: file, error)
        }
    }
}
