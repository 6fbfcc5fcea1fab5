extension ShapeInference {
    /// ONNX Runtime's NCHWc operators (domain `com.microsoft.nchwc`), which its CPU graph
    /// optimizer writes at ORT_ENABLE_ALL (`NchwcTransformer`) and a saved model keeps. A tensor in
    /// the blocked layout has the shape [N, C', spatial...] with C' the channel count rounded up to
    /// the block (MLAS's `MlasNchwcGetBlockSize()`: 16 with AVX-512, 8 with AVX2), so the shapes
    /// below are the blocked ones; the rules follow `nchwc_schema_defs.cc` of ONNX Runtime:
    /// - ReorderInput: [N, C, spatial...] (or channels-last [N, spatial..., C]) to
    ///   [N, C rounded up to the block, spatial...]; the block is the importer's
    ///   (`nchwcBlockAttribute`, found from the model's NCHWc convolution weights).
    /// - ReorderOutput: back to [N, `channels`, spatial...] (or [N, spatial..., `channels`]).
    /// - Conv (with an optional fused `activation` and a fourth input `Sum` added to its output),
    ///   MaxPool, AveragePool, GlobalMaxPool, GlobalAveragePool: the default-domain rules on the
    ///   blocked shapes (the filters are padded to the block by the optimizer, so the weight's
    ///   shape gives the blocked channel counts).
    /// - Upsample: integer `scales` per axis as an attribute (not an input), output = input × scales.
    /// Returns nil for an operator of another domain.
    static func inferNCHWc(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        guard context.domain == nchwcDomain else { return nil }
        let x = try context.input(0)
        guard x.elementType == .float32 else {
            throw context.fail("NCHWc operators take float32 tensors, got \(x.elementType.rawValue)")
        }
        guard x.shape!.count >= 3 else {
            throw context.fail("expected an input of rank >= 3, got \(x.shape!)")
        }
        switch context.op.type {
        case "ReorderInput": return try reorderInput(context, x)
        case "ReorderOutput": return try reorderOutput(context, x)
        case "Conv":
            let outputs = try conv(context)
            if let sum = context.optionalInput(3), sum.shape != outputs[0].shape {
                throw context.fail("input 3 (Sum, \"\(sum.name)\") has shape \(sum.shape ?? []), expected the output's \(outputs[0].shape)")
            }
            return outputs
        case "MaxPool", "AveragePool": return try pool(context)
        case "GlobalMaxPool", "GlobalAveragePool": return try globalPool(context)
        case "Upsample": return try nchwcUpsample(context, x)
        default: return nil
        }
    }

    /// The domain of ONNX Runtime's NCHWc layout operators.
    public static let nchwcDomain = "com.microsoft.nchwc"

    /// The attribute the importer sets on each NCHWc `ReorderInput` to the model's channel block.
    public static let nchwcBlockAttribute = "nchwc_block"

    static let nchwcTypes = ["ReorderInput", "ReorderOutput"]

    static func reorderInput(_ context: ShapeContext, _ x: Tensor) throws(GraphError) -> [InferredTensor] {
        let xs = x.shape!
        let channelsLast = context.int("channels_last", default: 0) != 0
        guard let block = context.int(nchwcBlockAttribute), block > 0 else {
            throw context.fail("the model's NCHWc channel block is unknown (no NCHWc Conv with a constant 4-D weight to read it from)")
        }
        let channels = channelsLast ? xs[xs.count - 1] : xs[1]
        let blocked = try context.product((channels + block - 1) / block, block, "the channels rounded up to the block")
        let spatial = channelsLast ? Array(xs[1..<(xs.count - 1)]) : Array(xs[2...])
        return [InferredTensor(shape: [xs[0], blocked] + spatial, elementType: x.elementType)]
    }

    static func reorderOutput(_ context: ShapeContext, _ x: Tensor) throws(GraphError) -> [InferredTensor] {
        let xs = x.shape!
        guard let channels = context.int("channels"), channels > 0, channels <= xs[1] else {
            throw context.fail("attribute channels must be between 1 and the blocked channel count \(xs[1]), got \(context.int("channels").map(String.init) ?? "none")")
        }
        let spatial = Array(xs[2...])
        let shape = context.int("channels_last", default: 0) != 0 ? [xs[0]] + spatial + [channels] : [xs[0], channels] + spatial
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    static func nchwcUpsample(_ context: ShapeContext, _ x: Tensor) throws(GraphError) -> [InferredTensor] {
        let xs = x.shape!
        guard let scales = context.ints("scales"), scales.count == xs.count, scales.allSatisfy({ $0 > 0 }) else {
            throw context.fail("attribute scales must give a positive integer for each of the \(xs.count) axes, got \(context.ints("scales") ?? [])")
        }
        var shape: [Int] = []
        for (size, scale) in zip(xs, scales) { shape.append(try context.product(size, scale, "the upsampled size")) }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }
}
