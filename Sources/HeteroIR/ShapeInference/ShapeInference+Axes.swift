extension ShapeInference {
    /// Axis attributes of default-domain operators whose shape rule keeps the input's shape and so
    /// never reads them: each must lie in [-rank, rank - 1] of input 0 (as ONNX's own inference and
    /// runtimes require). Rules that do read their axes check them where they use them
    /// (`ShapeContext.axis`).
    static let unreadAxisAttributes: [String: [String]] = [
        "Softmax": ["axis"], "LogSoftmax": ["axis"], "Hardmax": ["axis"], "LpNormalization": ["axis"],
        "GatherElements": ["axis"], "ScatterElements": ["axis"], "Scatter": ["axis"], "TensorScatter": ["axis"],
        "MeanVarianceNormalization": ["axes"],
    ]

    /// Rejects an axis out of range for the rank of the tensor it indexes, for the operators whose
    /// shape rule does not read it: the attributes above, ReverseSequence's `batch_axis` and
    /// `time_axis` (0 or 1), the constant `axis` input of CumSum and CumProd, and the `axis` of a
    /// per-axis QuantizeLinear or DequantizeLinear (a 1-D scale of more than one element).
    static func checkUnreadAxes(_ context: ShapeContext) throws(GraphError) {
        guard context.domain.isEmpty else { return }
        let type = context.op.type
        guard let x = context.optionalInput(0), let rank = x.shape?.count else { return }
        for name in unreadAxisAttributes[type] ?? [] {
            if let axis = context.int(name) { _ = try context.axis(axis, rank: rank) }
            for axis in context.ints(name) ?? [] { _ = try context.axis(axis, rank: rank) }
        }
        switch type {
        case "ReverseSequence":
            let batch = context.int("batch_axis", default: 1)
            let time = context.int("time_axis", default: 0)
            guard (0...1).contains(batch), (0...1).contains(time), batch != time else {
                throw context.fail("batch_axis \(batch) and time_axis \(time) must be 0 and 1 in some order")
            }
        case "CumSum", "CumProd":
            if let axis = context.optionalInput(1)?.intValues?.first { _ = try context.axis(axis, rank: rank) }
        case "QuantizeLinear", "DequantizeLinear":
            if let axis = context.int("axis"), let scale = context.optionalInput(1)?.shape, scale.count == 1, scale[0] > 1 {
                _ = try context.axis(axis, rank: rank)
            }
        default:
            break
        }
    }
}
