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

    /// The compute type of a weight-only quantized MatMulNBits, or nil for a float one.
    ///
    /// MatMulNBits (ONNX Runtime's contrib schema, `docs/ContribOperators.md`) stores its weights
    /// as `bits`-wide integers in blocks along K with a scale each — K·N·bits/8 bytes plus scales,
    /// its inputs' own sizes — and multiplies them with a float A. Its `accuracy_level` says how A
    /// is handled: 4 (int8) lets the kernel quantize A block-wise to int8, so the product runs as
    /// int8 × int4-widened-to-int8 dot products (MLAS's `CompInt8` SQNBit GEMM on the CPU; the
    /// onnxruntime-genai builder writes 4 for its CPU int4 models); 0-3 dequantize the weights
    /// and compute in A's float type. So accuracy level 4 makes the operator an int8 kernel on a
    /// unit with int8 MAC throughput that accepts int8 for it, and otherwise it runs in the
    /// unit's float compute type with int4 weights (W4A16 on the FP16 NPUs, as weight-compressed
    /// LLMs run there); its weight bytes stay 4-bit either way (an integer tensor is not scaled
    /// to the compute type, `ElementType.storedScale`).
    static func weightOnlyComputeType(_ op: Operator) -> ElementType? {
        guard op.type == "MatMulNBits", op.attributes["domain"]?.stringValue == "com.microsoft",
              op.attributes["accuracy_level"]?.intValue == 4 else { return nil }
        return .int8
    }

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
            if let type = weightOnlyComputeType(op) {
                marked[index] = type
                continue
            }
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
