/// Operators whose output size depends on input values (NonZero, Compress, Unique,
/// NonMaxSuppression).
///
/// Policy: when the values are known at load time the exact size is computed; otherwise the output
/// gets the largest size the operator's definition allows (every element non-zero, every box kept,
/// every element unique), so memory and transfer figures are upper bounds rather than guesses.
/// The plan is therefore conservative for these operators and the tensors downstream of them.
extension ShapeInference {
    static func inferDataDependent(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "NonZero": return try nonZero(context)
        case "Compress": return try compress(context)
        case "Unique": return try unique(context)
        case "NonMaxSuppression": return try nonMaxSuppression(context)
        default: return nil
        }
    }

    static let dataDependentTypes = ["NonZero", "Compress", "Unique", "NonMaxSuppression"]

    /// The dimension of output `output` of `op` whose size depends on input values (the one a
    /// user bound caps), or nil when it has none. `rank` is the rank of the operator's input 0.
    public static func dataDependentAxis(of op: Operator, output: Int, rank: Int) -> Int? {
        switch (op.type, output) {
        case ("NonZero", 0): return 1
        case ("NonMaxSuppression", 0): return 0
        case ("Unique", 1), ("Unique", 3): return 0
        case ("Compress", 0), ("Unique", 0):
            guard let axis = op.attributes["axis"]?.intValue else { return 0 }
            return axis < 0 ? axis + rank : axis
        default: return nil
        }
    }

    static func nonZero(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        var count = try context.elementCount(xs)
        if let values = x.intValues { count = values.filter { $0 != 0 }.count }
        return [InferredTensor(shape: [xs.count, count], elementType: .int64)]
    }

    static func compress(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let condition = try context.input(1)
        let length = condition.elementCount ?? 0
        var axis: Int?
        if let attribute = context.int("axis") { axis = try context.axis(attribute, rank: xs.count) }
        var available = try context.elementCount(xs)
        if let axis { available = xs[axis] }
        let kept = Swift.min(available, condition.intValues.map { $0.filter { $0 != 0 }.count } ?? length)
        var shape = [kept]
        if let axis {
            shape = xs
            shape[axis] = kept
        }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    /// Unique: without an axis the flattened unique values (at most every element), with one the
    /// unique slices along it (at most all of them).
    static func unique(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let total = try context.elementCount(xs)
        var shape = [x.intValues.map { Set($0).count } ?? total]
        var inverse = total
        if let attribute = context.int("axis") {
            let axis = try context.axis(attribute, rank: xs.count)
            shape = xs
            inverse = xs[axis]
            shape[axis] = xs[axis]
        }
        let distinct = context.int("axis").flatMap { _ in inverse } ?? shape[0]
        return [InferredTensor(shape: shape, elementType: x.elementType),
                InferredTensor(shape: [distinct], elementType: .int64),
                InferredTensor(shape: [inverse], elementType: .int64),
                InferredTensor(shape: [distinct], elementType: .int64)]
    }

    /// NonMaxSuppression: at most max_output_boxes_per_class boxes per batch and class (default 0:
    /// none), and never more than there are boxes.
    static func nonMaxSuppression(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let boxes = try context.shape(0)
        let scores = try context.shape(1)
        guard boxes.count == 3, scores.count == 3, boxes[0] == scores[0], boxes[1] == scores[2] else {
            throw context.fail("boxes \(boxes) and scores \(scores) must be [batch, boxes, 4] and [batch, classes, boxes]")
        }
        let perClass = try context.intValues(ofInput: 2)?.first ?? 0
        let kept = Swift.min(Swift.max(0, perClass), boxes[1])
        return [InferredTensor(shape: [try context.elementCount([scores[0], scores[1], kept]), 3], elementType: .int64)]
    }
}
