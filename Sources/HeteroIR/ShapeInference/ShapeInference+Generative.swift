extension ShapeInference {
    /// Infers the outputs of the remaining shape-preserving or shape-reducing operators of recent
    /// opsets (random generators, BitCast, Det, Col2Im, DeformConv, SwiGLU, CausalConvWithState,
    /// LinearAttention), or returns nil for another family.
    static func inferGenerative(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "Bernoulli", "RandomUniformLike", "RandomNormalLike": return try randomLike(context)
        case "BitCast": return try bitCast(context)
        case "Det": return try determinant(context)
        case "Col2Im": return try col2Im(context)
        case "DeformConv": return try requantizedFloat(context, rule: conv, inputs: [0, 1, 3])
        case "SwiGLU": return try broadcast(context)
        case "CausalConvWithState": return try causalConv(context)
        case "LinearAttention": return try linearAttention(context)
        default: return nil
        }
    }

    static let generativeTypes = [
        "Bernoulli", "RandomUniformLike", "RandomNormalLike", "BitCast", "Det", "Col2Im", "DeformConv", "SwiGLU",
        "CausalConvWithState", "LinearAttention",
    ]

    static func randomLike(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let type = context.int("dtype").flatMap(ElementType.init(onnxCode:)) ?? x.elementType
        return [InferredTensor(shape: x.shape!, elementType: type)]
    }

    static func bitCast(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        guard let code = context.int("to"), let type = ElementType(onnxCode: code), type.bits == x.elementType.bits else {
            throw context.fail("attribute to must name a type of \(x.elementType.bits) bits, like the input")
        }
        return [InferredTensor(shape: x.shape!, elementType: type)]
    }

    static func determinant(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count >= 2, xs[xs.count - 1] == xs[xs.count - 2] else { throw context.fail("needs square matrices [..., M, M], got \(xs)") }
        return [InferredTensor(shape: Array(xs.dropLast(2)), elementType: x.elementType)]
    }

    /// Col2Im: [N, C·∏block, L] with constant image_shape and block_shape gives [N, C, image...].
    static func col2Im(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count == 3, let image = try context.intValues(ofInput: 1), let block = try context.intValues(ofInput: 2),
              image.count == block.count, let blockSize = SizeLimit.product(block), blockSize > 0, xs[1] % blockSize == 0 else {
            throw context.fail("input \(xs) does not fit the constant image_shape and block_shape")
        }
        return [InferredTensor(shape: [xs[0], xs[1] / blockSize] + image, elementType: x.elementType)]
    }

    /// A float operator's rule applied to a subset of its inputs (positions `inputs`).
    static func requantizedFloat(_ context: ShapeContext, rule: (ShapeContext) throws(GraphError) -> [InferredTensor],
                                 inputs: [Int]) throws(GraphError) -> [InferredTensor] {
        try rule(ShapeContext(op: context.op, inputs: inputs.map { context.optionalInput($0) }))
    }

    /// CausalConvWithState: [B, C, L] stays [B, C, L]; the state keeps the last kernel − 1 steps.
    static func causalConv(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let w = try context.shape(1)
        guard xs.count == 3, w.count == 3, w[0] == xs[1] else { throw context.fail("input \(xs) and weight \(w) must be [B, C, L] and [C, 1, K]") }
        let state = context.optionalInput(3)?.shape ?? [xs[0], xs[1], Swift.max(0, w[2] - 1)]
        return [InferredTensor(shape: xs, elementType: x.elementType), InferredTensor(shape: state, elementType: x.elementType)]
    }

    /// LinearAttention: packed [B, T, H·D] query, key and value; output [B, T, Hq·Dv], state [B, Hkv, Dk, Dv].
    static func linearAttention(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let q = try context.input(0)
        let qs = q.shape!
        let ks = try context.shape(1)
        let vs = try context.shape(2)
        guard qs.count == 3, ks.count == 3, vs.count == 3, let heads = context.int("q_num_heads"), let kvHeads = context.int("kv_num_heads"),
              heads > 0, kvHeads > 0, ks[2] % kvHeads == 0, vs[2] % kvHeads == 0 else {
            throw context.fail("needs 3-D query, key and value and head counts that divide them")
        }
        let keyHead = ks[2] / kvHeads
        let valueHead = vs[2] / kvHeads
        return [InferredTensor(shape: [qs[0], qs[1], heads * valueHead], elementType: q.elementType),
                InferredTensor(shape: [qs[0], kvHeads, keyHead, valueHead], elementType: q.elementType)]
    }
}
