extension ShapeInference {
    /// Infers the outputs of an index-selecting operator (ArgMax, TopK, losses over classes), or
    /// returns nil for another family.
    static func inferSelection(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "ArgMax", "ArgMin": return try argExtreme(context)
        case "TopK": return try topK(context)
        case "NegativeLogLikelihoodLoss": return try negativeLogLikelihoodLoss(context)
        case "SoftmaxCrossEntropyLoss": return try softmaxCrossEntropyLoss(context)
        default: return nil
        }
    }

    static let selectionTypes = ["ArgMax", "ArgMin", "TopK", "NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss"]

    static func argExtreme(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let xs = try context.shape(0)
        let axis = try context.axis(context.int("axis", default: 0), rank: xs.count)
        var shape = xs
        if context.int("keepdims", default: 1) != 0 { shape[axis] = 1 } else { shape.remove(at: axis) }
        return [InferredTensor(shape: shape, elementType: .int64)]
    }

    /// TopK: k from the attribute (opset 1-9) or the constant input 1 (opset 10+); a k that is only
    /// known at run time is refused (its output size would be a guess).
    static func topK(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let axis = try context.axis(context.int("axis", default: -1), rank: xs.count)
        guard let k = try context.intList(attribute: "k", orInput: 1)?.first else { throw context.fail("k is required") }
        guard k >= 0, k <= xs[axis] else { throw context.fail("k = \(k) is outside 0...\(xs[axis]) (the size of axis \(axis))") }
        var shape = xs
        shape[axis] = k
        return [InferredTensor(shape: shape, elementType: x.elementType), InferredTensor(shape: shape, elementType: .int64)]
    }

    /// Per-element loss for reduction "none"; a scalar for "mean" and "sum".
    static func negativeLogLikelihoodLoss(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let target = try context.shape(1)
        let reduced = (context.string("reduction") ?? "mean") != "none"
        return [InferredTensor(shape: reduced ? [] : target, elementType: x.elementType)]
    }

    static func softmaxCrossEntropyLoss(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let scores = try context.input(0)
        let labels = try context.shape(1)
        let reduced = (context.string("reduction") ?? "mean") != "none"
        return [InferredTensor(shape: reduced ? [] : labels, elementType: scores.elementType),
                InferredTensor(shape: scores.shape!, elementType: scores.elementType)]
    }
}
