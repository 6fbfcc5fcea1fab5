/// Folds QDQ groups into integer operators, as runtimes do before they run a QDQ model.
///
/// A QDQ model (ONNX Runtime's `quantize_static` with `QuantFormat.QDQ`, OpenVINO NNCF, vendor
/// NPU flows) stores an INT8 network as a float one with DequantizeLinear (DQ) before and
/// QuantizeLinear (Q) after each quantized operator. Costed literally, every Conv would compute in
/// float32 on float32 tensors and every DQ and Q would be an operator of its own. Runtimes instead
/// select the group DQ… → operator → Q and run one integer kernel that reads the integer tensors
/// and writes the integer output: ONNX Runtime's QDQ selector/action transformer replaces the
/// group by QLinearConv, QLinearMatMul, QGemm, QLinearAdd… or, for data movement, drops the DQ
/// and Q (`onnxruntime/core/optimizer/qdq_transformer/selectors_actions/`); OpenVINO's
/// low-precision transformations likewise move dequantization past the operator so it runs in
/// int8.
///
/// This pass does the same on the graph IR. First, a Relu whose only reader is a QuantizeLinear
/// that clamps negatives to its zero point is removed (`removingRedundantRelus`, ONNX Runtime's
/// `ReluQuantFusion`), so the operator before it (ResNet's residual Sum -> Relu -> Q) can join a
/// group. Then, for each operator whose `Rule` (ONNX Runtime's CPU groups and a two-input Sum,
/// `rules`) is met —
/// - each required input comes from a DQ of a 4-, 8- or 16-bit integer tensor, whose output is
///   not a graph output;
/// - each optional input (a bias) comes from such a DQ or is a constant;
/// - its one output feeds exactly one Q and is not a graph output (optional for MatMul and Gemm);
/// - for data movement, the DQ and Q use the same scale and zero point —
/// the operator reads the DQs' integer inputs directly, writes the Q's output, and gets
/// `quantizedType`: the widest of its required inputs' types, signed (`uint8` activations with
/// `int8` weights compute in `int8`). The folded Q is removed, as is each DQ all of whose
/// readers were folded, and constants nothing reads any more (scales, zero points). The group's
/// work is recomputed from the integer tensors, so weight and activation bytes are the integer
/// sizes. DQ and Q outside any group stay operators and cost what they compute, as ONNX Runtime
/// runs them.
///
/// Integer kernels already in the model (QLinearConv, ConvInteger, QGemm…) get `quantizedType`
/// the same way (`markingIntegerKernels`), so they are costed in their integer type.
///
/// Deterministic: groups are decided on the input graph in operator order, and the output graph
/// keeps the order of the remaining operators and tensors.
public enum QDQFolding {
    /// `graph` with its QDQ groups folded; `graph` itself when it has none.
    ///
    /// - Throws: `GraphError` only if the folded graph were invalid (it cannot be for a valid
    ///   input), or a recomputed work figure overflowed.
    /// - Complexity: O(V + E) for V operators and E tensor uses.
    public static func fold(_ input: Graph) throws(GraphError) -> Graph {
        let graph = try removingRedundantRelus(markingIntegerKernels(input))
        var groups: [Int: Group] = [:]
        for index in graph.operators.indices {
            if let group = self.group(of: index, in: graph) { groups[index] = group }
        }
        guard !groups.isEmpty else { return graph }

        // A DQ goes when every position that reads its output is folded; a folded Q always goes.
        var removed = Set<Int>()
        for group in groups.values {
            if let quantize = group.quantize { removed.insert(quantize) }
        }
        for index in graph.operators.indices where graph.operators[index].type == "DequantizeLinear" {
            let op = graph.operators[index]
            guard let output = op.outputs.first, !output.isEmpty, !graph.outputs.contains(output),
                  let tensor = graph.tensorIndex[output] else { continue }
            let allFolded = graph.consumers[tensor].allSatisfy { reader in
                guard let group = groups[reader] else { return false }
                return graph.operators[reader].inputs.indices.allSatisfy { position in
                    graph.operators[reader].inputs[position] != output || group.replaced[position] != nil
                }
            }
            if allFolded { removed.insert(index) }
        }

        var tensors = graph.tensors
        var operators: [Operator] = []
        for (index, original) in graph.operators.enumerated() where !removed.contains(index) {
            guard let group = groups[index] else {
                operators.append(original)
                continue
            }
            var op = original
            for (position, name) in group.replaced { op.inputs[position] = name }
            if let quantize = group.quantize, let output = graph.operators[quantize].outputs.first {
                op.outputs = [output]
            }
            op.quantizedType = group.type
            let inputs = op.inputs.map { $0.isEmpty ? nil : graph.tensor(named: $0) }
            let outputs = op.outputs.compactMap { $0.isEmpty ? nil : graph.tensor(named: $0) }
            op.work = try WorkFigures.work(of: op, inputs: inputs, outputs: outputs)
            operators.append(op)
        }
        var used = Set(graph.inputs).union(graph.outputs)
        for op in operators {
            used.formUnion(op.inputs)
            used.formUnion(op.outputs)
        }
        tensors.removeAll { !used.contains($0.name) }
        return try Graph(name: graph.name, tensors: tensors, operators: operators, inputs: graph.inputs, outputs: graph.outputs)
    }

    /// One foldable group: the operator's inputs to replace by DQ inputs, the Q to fold, the type.
    struct Group {
        /// Input position → the integer tensor the DQ dequantized.
        var replaced: [Int: String]
        /// The QuantizeLinear the output feeds, when folded.
        var quantize: Int?
        var type: ElementType
    }

    /// The operator at `index` as a QDQ group, or nil when its rule is not met.
    static func group(of index: Int, in graph: Graph) -> Group? {
        let op = graph.operators[index]
        guard op.quantizedType == nil, let rule = rules[op.type] else { return nil }
        if let count = rule.inputCount, op.inputs.count != count { return nil }
        let required = rule.dequantized ?? op.inputs.indices.filter { !op.inputs[$0].isEmpty }
        var replaced: [Int: String] = [:]
        var type: ElementType?
        for position in required {
            guard position < op.inputs.count, let source = dequantized(op.inputs[position], in: graph) else { return nil }
            replaced[position] = source.name
            if type == nil || source.type.bits > type!.bits { type = source.type }
        }
        for position in rule.optionallyDequantized where position < op.inputs.count && !op.inputs[position].isEmpty {
            if let source = dequantizedSource(op.inputs[position], in: graph) {
                replaced[position] = source
            } else if graph.tensor(named: op.inputs[position])?.kind != .constant {
                return nil
            }
        }
        guard let type else { return nil }

        let outputs = op.outputs.filter { !$0.isEmpty }
        guard outputs.count == 1, let output = graph.tensorIndex[outputs[0]] else { return nil }
        var quantize: Int?
        let readers = graph.consumers[output]
        if readers.count == 1, !graph.outputs.contains(outputs[0]), graph.operators[readers[0]].type == "QuantizeLinear",
           graph.operators[readers[0]].inputs.first == outputs[0] {
            quantize = readers[0]
        }
        if quantize == nil && rule.requiresQuantizedOutput { return nil }
        if rule.requiresEqualParameters, let quantize,
           !sameParameters(dequantize: graph.producer[graph.tensorIndex[op.inputs[required[0]]]!]!, quantize: quantize, in: graph) {
            return nil
        }
        return Group(replaced: replaced, quantize: quantize, type: type)
    }

    /// The integer tensor `name` was dequantized from, and its compute type, when `name` is the
    /// output of a DequantizeLinear of a 4-, 8- or 16-bit integer tensor and not a graph output.
    static func dequantized(_ name: String, in graph: Graph) -> (name: String, type: ElementType)? {
        guard let source = dequantizedSource(name, in: graph), let sourceType = graph.tensor(named: source)?.elementType,
              let type = computeType(sourceType) else { return nil }
        return (source, type)
    }

    /// The tensor `name` was dequantized from (any integer type: an int32 bias too), when `name`
    /// is the output of a DequantizeLinear and not a graph output.
    static func dequantizedSource(_ name: String, in graph: Graph) -> String? {
        guard let tensor = graph.tensorIndex[name], let producer = graph.producer[tensor], !graph.outputs.contains(name) else {
            return nil
        }
        let dequantize = graph.operators[producer]
        guard dequantize.type == "DequantizeLinear", let source = dequantize.inputs.first, !source.isEmpty else { return nil }
        return source
    }

    /// The signed type an integer kernel computes a quantized type in, or nil for a type no
    /// integer kernel reads (int32 biases, float8).
    static func computeType(_ type: ElementType) -> ElementType? {
        switch type {
        case .int4, .uint4: return .int4
        case .int8, .uint8: return .int8
        case .int16, .uint16: return .int16
        default: return nil
        }
    }

    /// Whether a DQ and a Q use the same scale and zero point: the same tensors, or constants
    /// with the same known values.
    static func sameParameters(dequantize: Int, quantize: Int, in graph: Graph) -> Bool {
        let first = graph.operators[dequantize].inputs
        let second = graph.operators[quantize].inputs
        for position in 1...2 {
            let a = position < first.count ? first[position] : ""
            let b = position < second.count ? second[position] : ""
            if a == b { continue }
            guard let x = graph.tensor(named: a), let y = graph.tensor(named: b), x.elementType == y.elementType else { return false }
            let known = (x.floatValues ?? x.intValues.map { $0.map(Double.init) }, y.floatValues ?? y.intValues.map { $0.map(Double.init) })
            guard let left = known.0, let right = known.1, left == right else { return false }
        }
        return true
    }
}
