extension ShapeInference {
    /// Infers the outputs of a normalization operator, or returns nil for another family.
    static func inferNormalization(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "BatchNormalization": return try batchNormalization(context)
        case "LRN": return try sameAsInput(context)
        case "LayerNormalization": return try layerNormalization(context)
        case "InstanceNormalization": return try sameAsInput(context)
        case "Softmax": return try sameAsInput(context)
        case "LogSoftmax": return try sameAsInput(context)
        case "ReduceMean": return try reduce(context)
        case "ReduceSum": return try reduce(context)
        case "ReduceMax": return try reduce(context)
        case "ReduceMin": return try reduce(context)
        case "ReduceProd": return try reduce(context)
        case "ReduceL2", "ReduceL1", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare": return try reduce(context)
        case "GroupNormalization", "RMSNormalization", "SimplifiedLayerNormalization": return try layerNormalization(context)
        case "SkipLayerNormalization", "SkipSimplifiedLayerNormalization": return try skipLayerNormalization(context)
        default: return nil
        }
    }

    static let normalizationTypes = ["BatchNormalization", "LRN", "LayerNormalization", "InstanceNormalization", "Softmax", "LogSoftmax", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2",
                                     "ReduceL1", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "GroupNormalization",
                                     "RMSNormalization", "SimplifiedLayerNormalization", "SkipLayerNormalization",
                                     "SkipSimplifiedLayerNormalization"]

    static func sameAsInput(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        return [InferredTensor(shape: x.shape!, elementType: x.elementType)]
    }

    static func batchNormalization(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count >= 2 else { throw context.fail("input must have rank >= 2, got \(xs)") }
        for index in 1...4 {
            let parameter = try context.shape(index)
            guard parameter == [xs[1]] else {
                throw context.fail("input \(index) has shape \(parameter), expected [\(xs[1])] (one value per channel)")
            }
        }
        // Training-mode outputs (running mean/var) are per channel.
        var outputs = [InferredTensor(shape: xs, elementType: x.elementType)]
        for _ in 1..<max(1, context.op.outputs.count) {
            outputs.append(InferredTensor(shape: [xs[1]], elementType: x.elementType))
        }
        return outputs
    }

    static func layerNormalization(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let axis = try context.axis(context.int("axis", default: -1), rank: xs.count)
        var outputs = [InferredTensor(shape: xs, elementType: x.elementType)]
        let reduced = Array(xs[..<axis]) + Array(repeating: 1, count: xs.count - axis)
        for _ in 1..<max(1, context.op.outputs.count) {
            outputs.append(InferredTensor(shape: reduced, elementType: .float32))
        }
        return outputs
    }

    /// ONNX Runtime's SkipLayerNormalization and SkipSimplifiedLayerNormalization: normalise input
    /// + skip (+ bias); the optional outputs are the mean and inverse standard deviation (one per
    /// row) and the sum itself (output 3 of both: the simplified form's mean output is declared too,
    /// and its transformer optimizer writes `[y, "", "", sum]`).
    static func skipLayerNormalization(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let skip = try context.shape(1)
        _ = try broadcastShape(context, [xs, skip])
        guard !xs.isEmpty else { throw context.fail("input must have rank >= 1") }
        let row = Array(xs.dropLast()) + [1]
        let statistics = InferredTensor(shape: row, elementType: .float32)
        let sum = InferredTensor(shape: xs, elementType: x.elementType)
        let outputs = [InferredTensor(shape: xs, elementType: x.elementType), statistics, statistics, sum]
        return Array(outputs.prefix(Swift.max(1, context.op.outputs.count)))
    }

    static func reduce(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let keepDims = context.int("keepdims", default: 1) != 0
        var axes = try context.intList(attribute: "axes", orInput: 1) ?? []
        if axes.isEmpty {
            if context.int("noop_with_empty_axes", default: 0) != 0 {
                return [InferredTensor(shape: xs, elementType: x.elementType)]
            }
            axes = Array(0..<xs.count)
        }
        var reduced = Set<Int>()
        for axis in axes { reduced.insert(try context.axis(axis, rank: xs.count)) }
        let values = reduced.count == xs.count ? reducedValues(context.op.type, x.intValues) : nil
        var shape: [Int] = []
        for (axis, dimension) in xs.enumerated() {
            if reduced.contains(axis) {
                if keepDims { shape.append(1) }
            } else {
                shape.append(dimension)
            }
        }
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(values, shape: shape))]
    }
}
