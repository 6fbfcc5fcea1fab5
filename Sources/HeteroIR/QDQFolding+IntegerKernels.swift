extension QDQFolding {
    /// The integer kernels a model may already contain (the QOperator format of ONNX Runtime's
    /// quantizer, `onnx` and `com.microsoft` operators) with the input positions that carry the
    /// quantized data: zero points share their data's type, scales are float and biases int32,
    /// so neither changes the compute type.
    ///
    /// Sources: the ONNX operator schemas (QLinearConv x/w at 0 and 3, QLinearMatMul a/b at 0
    /// and 3, ConvInteger and MatMulInteger at 0 and 1) and ONNX Runtime's contrib schemas
    /// (`onnxruntime/core/graph/contrib_ops/quantization_defs.cc`: QGemm A/B at 0 and 3,
    /// QLinearAdd/QLinearMul A/B at 0 and 3, the unary QLinear* X at 0, QLinearConcat's inputs in
    /// (tensor, scale, zero point) triples from position 2, MatMulIntegerToFloat A/B at 0 and 1,
    /// DynamicQuantizeMatMul's integer B at 1).
    static let integerKernelDataInputs: [String: [Int]] = [
        "QLinearConv": [0, 3], "QLinearMatMul": [0, 3], "ConvInteger": [0, 1], "MatMulInteger": [0, 1],
        "MatMulIntegerToFloat": [0, 1], "QGemm": [0, 3], "QLinearAdd": [0, 3], "QLinearMul": [0, 3],
        "QLinearSigmoid": [0], "QLinearLeakyRelu": [0], "QLinearAveragePool": [0], "QLinearGlobalAveragePool": [0],
        "QLinearSoftmax": [0], "QLinearReduceMean": [0], "DynamicQuantizeMatMul": [1],
    ]

    /// `graph` with `quantizedType` set on the integer kernels it already contains, so that they
    /// are costed as the integer kernels they are (an NPU's int8 MAC array, a CPU's VNNI) and not
    /// in a unit's float compute type; `graph` itself when it has none.
    ///
    /// The type is the widest of the data inputs' types, signed (`computeType(_:)`), as for a
    /// folded QDQ group; a kernel whose data inputs have no integer kernel type (unknown shapes
    /// or types) is left as it is.
    ///
    /// - Complexity: O(V + E) for V operators and E tensor uses.
    static func markingIntegerKernels(_ graph: Graph) throws(GraphError) -> Graph {
        var marked: [Int: ElementType] = [:]
        for (index, op) in graph.operators.enumerated() where op.quantizedType == nil {
            let positions: [Int]
            if op.type == "QLinearConcat" {
                positions = Array(stride(from: 2, to: op.inputs.count, by: 3))
            } else if let known = integerKernelDataInputs[op.type] {
                positions = known
            } else {
                continue
            }
            var widest: ElementType?
            for position in positions where position < op.inputs.count && !op.inputs[position].isEmpty {
                guard let type = graph.tensor(named: op.inputs[position]).flatMap({ computeType($0.elementType) }) else { continue }
                if widest == nil || type.bits > widest!.bits { widest = type }
            }
            if let widest { marked[index] = widest }
        }
        guard !marked.isEmpty else { return graph }
        var operators = graph.operators
        for (index, type) in marked { operators[index].quantizedType = type }
        return try Graph(name: graph.name, tensors: graph.tensors, operators: operators, inputs: graph.inputs, outputs: graph.outputs)
    }
}
