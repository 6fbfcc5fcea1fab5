extension ShapeInference {
    /// Infers the outputs of an indexing or generating operator, or returns nil for another family.
    static func inferIndexing(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "GatherElements": return try gatherElements(context)
        case "GatherND": return try gatherND(context)
        case "ScatterND", "ScatterElements", "Scatter", "TensorScatter": return try sameAsInput(context)
        case "OneHot": return try oneHot(context)
        case "Tile": return try tile(context)
        case "Range": return try range(context)
        case "Size": return try size(context)
        case "EyeLike": return try eyeLike(context)
        default: return nil
        }
    }

    static let indexingTypes = [
        "GatherElements", "GatherND", "ScatterND", "ScatterElements", "Scatter", "TensorScatter", "OneHot", "Tile", "Range",
        "Size", "EyeLike",
    ]

    static func gatherElements(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let data = try context.input(0)
        let indices = try context.shape(1)
        guard indices.count == data.rank else { throw context.fail("indices rank \(indices.count) differs from data rank \(data.rank)") }
        return [InferredTensor(shape: indices, elementType: data.elementType)]
    }

    /// GatherND: indices [b..., i..., m] pick slices of data after `batch_dims` batch dimensions.
    static func gatherND(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let data = try context.input(0)
        let ds = data.shape!
        let indices = try context.shape(1)
        let batch = context.int("batch_dims", default: 0)
        guard let last = indices.last, batch >= 0, batch < indices.count, batch + last <= ds.count else {
            throw context.fail("indices \(indices) with batch_dims \(batch) do not fit data \(ds)")
        }
        let shape = Array(indices.dropLast()) + Array(ds[(batch + last)...])
        return [InferredTensor(shape: shape, elementType: data.elementType)]
    }

    /// OneHot: a new axis of size `depth` (a constant input) at `axis`.
    static func oneHot(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let indices = try context.shape(0)
        let depthTensor = try context.input(1)
        guard let depth = depthTensor.intValues?.first ?? depthTensor.floatValues.flatMap({ $0.first.flatMap { Int(exactly: $0.rounded(.towardZero)) } }) else {
            throw context.fail("depth (\"\(depthTensor.name)\") must be a constant known at load time")
        }
        guard depth >= 0 else { throw context.fail("depth \(depth) is negative") }
        let values = try context.input(2)
        let axis = try context.axis(context.int("axis", default: -1), rank: indices.count + 1)
        var shape = indices
        shape.insert(depth, at: axis)
        return [InferredTensor(shape: shape, elementType: values.elementType)]
    }

    static func tile(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard let repeats = try context.intValues(ofInput: 1), repeats.count == xs.count, repeats.allSatisfy({ $0 >= 0 }) else {
            throw context.fail("repeats must be \(xs.count) non-negative constants")
        }
        var shape: [Int] = []
        for (size, count) in zip(xs, repeats) {
            let (product, overflow) = size.multipliedReportingOverflow(by: count)
            guard !overflow else { throw context.fail("tiling \(xs) by \(repeats) overflows") }
            shape.append(product)
        }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    /// Range: its length ceil((limit - start) / delta) needs constant inputs; integer values are kept.
    static func range(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let start = try context.input(0)
        var bounds: [Double] = []
        for index in 0..<3 {
            let tensor = try context.input(index)
            if let value = tensor.intValues?.first {
                bounds.append(Double(value))
            } else if let value = tensor.floatValues?.first {
                bounds.append(value)
            } else {
                throw context.fail("input \(index) (\"\(tensor.name)\") must be a constant known at load time")
            }
        }
        guard bounds[2] != 0 else { throw context.fail("delta must not be 0") }
        let length = Swift.max(0, ((bounds[1] - bounds[0]) / bounds[2]).rounded(.up))
        guard length <= Double(SizeLimit.maximum) else { throw context.fail("range of \(length) elements exceeds 2^53") }
        let count = Int(length)
        var values: [Int]?
        if let first = start.intValues?.first, let delta = context.inputs[2]?.intValues?.first, count <= ShapeContext.maximumTrackedValues {
            values = []
            for index in 0..<count {
                let (step, overflow) = index.multipliedReportingOverflow(by: delta)
                let (value, overflowed) = first.addingReportingOverflow(step)
                if overflow || overflowed { values = nil; break }  // the length is known; its values leave Int64
                values?.append(value)
            }
        }
        return [InferredTensor(shape: [count], elementType: start.elementType, intValues: values)]
    }

    static func size(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let count = try context.elementCount(try context.shape(0))
        return [InferredTensor(shape: [], elementType: .int64, intValues: [count])]
    }

    static func eyeLike(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let type = context.int("dtype").flatMap(ElementType.init(onnxCode:)) ?? x.elementType
        return [InferredTensor(shape: x.shape!, elementType: type)]
    }
}
