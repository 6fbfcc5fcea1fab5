extension ShapeInference {
    /// Unary operators whose output has the input's shape and type.
    static let unaryTypes = [
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu", "Sigmoid", "HardSigmoid", "HardSwish",
        "Tanh", "Softplus", "Softsign", "Mish", "Swish", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs",
        "Erf", "Floor", "Ceil", "Round", "Sin", "Cos", "Sign", "Clip", "Identity", "ThresholdedRelu",
        "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Shrink", "IsNaN", "IsInf", "Not",
        "BitwiseNot", "Hardmax", "LpNormalization", "MeanVarianceNormalization", "CumSum", "CumProd", "Trilu",
        "ReverseSequence", "RotaryEmbedding", "FastGelu", "QuickGelu", "BiasGelu", "BiasAdd",
    ]

    /// Binary (broadcasting) operators.
    static let binaryTypes = [
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mean", "Sum", "PRelu", "Equal", "Less", "Greater",
        "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Mod", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor",
    ]

    /// Element-wise operators whose result is `bool` whatever their inputs.
    static let predicateTypes: Set<String> = [
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Not", "IsNaN", "IsInf",
    ]

    /// Infers the outputs of an element-wise operator, or returns nil for another family.
    static func inferElementwise(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        let type = context.op.type
        if type == "Dropout" { return try dropout(context) }
        if type == "CastLike" { return try castLike(context) }
        // The contrib BiasGelu and FastGelu add a bias (input 1) that broadcasts against input 0.
        if type == "BiasGelu" || type == "BiasAdd" || (type == "FastGelu" && context.inputCount > 1) { return try broadcast(context) }
        if type == "Where" || binaryTypes.contains(type) { return try broadcast(context) }
        if unaryTypes.contains(type) { return try unary(context) }
        return nil
    }

    static var elementwiseTypes: [String] { unaryTypes + binaryTypes + ["Dropout", "Where", "CastLike"] }

    static func unary(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let values = unaryValues(context.op.type, x.intValues)
        let type = predicateTypes.contains(context.op.type) ? ElementType.bool : x.elementType
        return [InferredTensor(shape: x.shape!, elementType: type, intValues: values)]
    }

    /// Numpy-style multidirectional broadcasting over all present inputs.
    static func broadcastShape(_ context: ShapeContext, _ shapes: [[Int]]) throws(GraphError) -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var result = Array(repeating: 1, count: rank)
        for shape in shapes {
            let offset = rank - shape.count
            for (axis, dimension) in shape.enumerated() {
                let current = result[offset + axis]
                if current == 1 {
                    result[offset + axis] = dimension
                } else if dimension != 1 && dimension != current {
                    throw context.fail("shapes \(shapes.map { "\($0)" }.joined(separator: " and ")) cannot be broadcast together")
                }
            }
        }
        return result
    }

    static func broadcast(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        var tensors: [Tensor] = []
        for index in 0..<context.inputCount where context.optionalInput(index) != nil {
            tensors.append(try context.input(index))
        }
        guard let first = tensors.first else { throw context.fail("needs at least one input") }
        let shape = try broadcastShape(context, tensors.map { $0.shape! })
        let comparison = predicateTypes.contains(context.op.type)
        let dataType = context.op.type == "Where" && tensors.count > 1 ? tensors[1].elementType : first.elementType
        let count = try context.elementCount(shape)
        let values = context.op.type == "Where" ? whereValues(tensors, count: count) : foldIntegers(context, tensors, count: count)
        return [InferredTensor(shape: shape, elementType: comparison ? .bool : dataType,
                               intValues: context.tracked(values, shape: shape))]
    }

    /// Integer arithmetic on small constant tensors (shape computations in exported graphs).
    static func foldIntegers(_ context: ShapeContext, _ tensors: [Tensor], count: Int) -> [Int]? {
        guard tensors.count == 2, let a = tensors[0].intValues, let b = tensors[1].intValues,
              a.count == count || a.count == 1, b.count == count || b.count == 1 else { return nil }
        let operation: ((Int, Int) -> Int?)?
        switch context.op.type {
        case "Add": operation = { let (r, o) = $0.addingReportingOverflow($1); return o ? nil : r }
        case "Sub": operation = { let (r, o) = $0.subtractingReportingOverflow($1); return o ? nil : r }
        case "Mul": operation = { let (r, o) = $0.multipliedReportingOverflow(by: $1); return o ? nil : r }
        case "Div": operation = { $1 == 0 || ($0 == Int.min && $1 == -1) ? nil : $0 / $1 }
        case "Max": operation = { Swift.max($0, $1) }
        case "Min": operation = { Swift.min($0, $1) }
        case "Mod": operation = { a, b in
            guard b != 0, !(a == Int.min && b == -1) else { return nil }
            let remainder = a % b
            return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder  // the divisor's sign (fmod = 0)
        }
        case "Equal": operation = { $0 == $1 ? 1 : 0 }
        case "Less": operation = { $0 < $1 ? 1 : 0 }
        case "Greater": operation = { $0 > $1 ? 1 : 0 }
        case "LessOrEqual": operation = { $0 <= $1 ? 1 : 0 }
        case "GreaterOrEqual": operation = { $0 >= $1 ? 1 : 0 }
        case "And": operation = { $0 != 0 && $1 != 0 ? 1 : 0 }
        case "Or": operation = { $0 != 0 || $1 != 0 ? 1 : 0 }
        default: operation = nil
        }
        guard let operation else { return nil }
        var values: [Int] = []
        for index in 0..<count {
            guard let value = operation(a[a.count == 1 ? 0 : index], b[b.count == 1 ? 0 : index]) else { return nil }
            values.append(value)
        }
        return values
    }

    /// CastLike: input 0's shape in input 1's element type.
    static func castLike(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let target = try context.input(1)
        let keepsValues = !target.elementType.isFloatingPoint && target.elementType != .bool
        return [InferredTensor(shape: x.shape!, elementType: target.elementType, intValues: keepsValues ? x.intValues : nil)]
    }

    static func dropout(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        var outputs = [InferredTensor(shape: x.shape!, elementType: x.elementType)]
        if context.op.outputs.count > 1 { outputs.append(InferredTensor(shape: x.shape!, elementType: .bool)) }
        return outputs
    }
}
