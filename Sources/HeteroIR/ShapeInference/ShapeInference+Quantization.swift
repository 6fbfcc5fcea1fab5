extension ShapeInference {
    /// Infers the outputs of quantization operators (QDQ pairs, QLinear* and *Integer operators of
    /// the default and `com.microsoft` domains), or returns nil for another family.
    static func inferQuantization(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "QuantizeLinear": return try quantizeLinear(context)
        case "DequantizeLinear": return try dequantizeLinear(context)
        case "DynamicQuantizeLinear": return try dynamicQuantizeLinear(context)
        case "QLinearConv": return try requantized(context, rule: conv, inputs: [0, 3, 8], outputType: 7)
        case "QLinearMatMul": return try requantized(context, rule: matMul, inputs: [0, 3], outputType: 7)
        case "ConvInteger": return try requantized(context, rule: conv, inputs: [0, 1], outputType: nil)
        case "MatMulInteger": return try requantized(context, rule: matMul, inputs: [0, 1], outputType: nil)
        case "QLinearAdd", "QLinearMul": return try requantized(context, rule: broadcast, inputs: [0, 3], outputType: 7)
        case "QLinearSigmoid", "QLinearLeakyRelu": return try requantized(context, rule: unary, inputs: [0], outputType: 4)
        case "QLinearGlobalAveragePool": return try requantized(context, rule: globalPool, inputs: [0], outputType: 4)
        case "QLinearAveragePool": return try requantized(context, rule: pool, inputs: [0], outputType: 4)
        case "QLinearSoftmax": return try requantized(context, rule: sameAsInput, inputs: [0], outputType: 4)
        case "QGemm": return try qGemm(context)
        case "QLinearConcat": return try qLinearConcat(context)
        default: return nil
        }
    }

    static let quantizationTypes = [
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "QLinearConv", "QLinearMatMul", "ConvInteger",
        "MatMulInteger", "QLinearAdd", "QLinearMul", "QLinearSigmoid", "QLinearLeakyRelu", "QLinearGlobalAveragePool",
        "QLinearAveragePool", "QLinearSoftmax", "QGemm", "QLinearConcat",
    ]

    /// QGemm (ONNX Runtime, `quantization_defs.cc`): A, a_scale, a_zero_point, B, b_scale,
    /// b_zero_point, C, y_scale, y_zero_point; Gemm's shapes from A and B (transA, transB). The
    /// output is quantized to y_zero_point's type when y_scale is given, else float like a_scale.
    static func qGemm(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let shape = try requantizedFloat(context, rule: gemm, inputs: [0, 3, 6])[0].shape
        var type = try context.input(1).elementType
        if context.optionalInput(7) != nil { type = context.optionalInput(8)?.elementType ?? .uint8 }
        return [InferredTensor(shape: shape, elementType: type)]
    }

    /// QLinearConcat (ONNX Runtime): Y_scale, Y_zero_point, then a (tensor, scale, zero point)
    /// triple per input; Concat's shape rule on the tensors, in Y_zero_point's type.
    static func qLinearConcat(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        guard context.inputCount >= 5, (context.inputCount - 2) % 3 == 0 else {
            throw context.fail("expects Y_scale, Y_zero_point and (tensor, scale, zero point) triples, got \(context.inputCount) inputs")
        }
        let shape = try requantizedFloat(context, rule: concat, inputs: Array(stride(from: 2, to: context.inputCount, by: 3)))[0].shape
        return [InferredTensor(shape: shape, elementType: try context.input(1).elementType)]
    }

    /// QuantizeLinear: the zero point's type, else `output_dtype` (opset 21+), else uint8.
    static func quantizeLinear(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let xs = try context.shape(0)
        let type = context.optionalInput(2)?.elementType
            ?? context.int("output_dtype").flatMap { $0 == 0 ? nil : ElementType(onnxCode: $0) } ?? .uint8
        return [InferredTensor(shape: xs, elementType: type)]
    }

    /// DequantizeLinear: the scale's type, or `output_dtype` (opset 23+) when set.
    static func dequantizeLinear(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let xs = try context.shape(0)
        let scale = try context.input(1)
        let type = context.int("output_dtype").flatMap { $0 == 0 ? nil : ElementType(onnxCode: $0) } ?? scale.elementType
        return [InferredTensor(shape: xs, elementType: type)]
    }

    static func dynamicQuantizeLinear(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let xs = try context.shape(0)
        return [InferredTensor(shape: xs, elementType: .uint8), InferredTensor(shape: [], elementType: .float32),
                InferredTensor(shape: [], elementType: .uint8)]
    }

    /// Applies a float operator's rule to the data inputs of its quantized form (`inputs` lists
    /// their positions); the result takes the element type of input `outputType` (the output zero
    /// point: 7 for QLinearConv/QLinearMatMul/QLinearAdd/QLinearMul, 4 for the unary and pooling
    /// QLinear operators, whose inputs are X, X_scale, X_zero_point, Y_scale, Y_zero_point in
    /// ONNX Runtime's schemas), input 0's type when it is omitted, or int32 for the *Integer operators.
    static func requantized(_ context: ShapeContext, rule: (ShapeContext) throws(GraphError) -> [InferredTensor],
                            inputs: [Int], outputType: Int?) throws(GraphError) -> [InferredTensor] {
        let shape = try requantizedFloat(context, rule: rule, inputs: inputs)[0].shape
        var type = ElementType.int32
        if let outputType {
            type = try context.input(0).elementType
            if let zeroPoint = context.optionalInput(outputType) { type = zeroPoint.elementType }
        }
        return [InferredTensor(shape: shape, elementType: type)]
    }
}
