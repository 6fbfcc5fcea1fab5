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
        case "QLinearSigmoid", "QLinearLeakyRelu": return try requantized(context, rule: unary, inputs: [0], outputType: 3)
        case "QLinearGlobalAveragePool": return try requantized(context, rule: globalPool, inputs: [0], outputType: 3)
        case "QLinearAveragePool": return try requantized(context, rule: pool, inputs: [0], outputType: 3)
        default: return nil
        }
    }

    static let quantizationTypes = [
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "QLinearConv", "QLinearMatMul", "ConvInteger",
        "MatMulInteger", "QLinearAdd", "QLinearMul", "QLinearSigmoid", "QLinearLeakyRelu", "QLinearGlobalAveragePool",
        "QLinearAveragePool",
    ]

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
    /// point), or int32 for the *Integer operators.
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
