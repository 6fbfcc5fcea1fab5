extension ShapeInference {
    /// Infers the outputs of ONNX Runtime's `com.microsoft` operators that its transformer optimiser
    /// and quantizer emit and that are not covered by a default-domain family, or returns nil.
    static func inferContrib(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "FusedConv", "NhwcConv": return try conv(context)
        case "FusedMatMul": return try fusedMatMul(context)
        case "MatMulNBits": return try matMulNBits(context)
        case "FusedGemm": return try gemm(context)
        case "EmbedLayerNormalization": return try embedLayerNormalization(context)
        default: return nil
        }
    }

    static let contribTypes = ["FusedConv", "NhwcConv", "FusedMatMul", "MatMulNBits", "FusedGemm", "EmbedLayerNormalization"]

    /// EmbedLayerNormalization (ONNX Runtime's BERT embedding: word, position and segment lookups
    /// summed, then layer-normalised): input_ids [B, S] and word_embedding [vocabulary, hidden] give
    /// output [B, S, hidden] in the embeddings' type, mask_index [B] (int32, when
    /// `mask_index_type` is not 0) and embedding_sum [B, S, hidden], as its shape inference does
    /// (`EmbedLayerNormalizationShapeInference`).
    static func embedLayerNormalization(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let ids = try context.shape(0)
        let words = try context.input(2)
        guard ids.count == 2, let ws = words.shape, ws.count == 2 else {
            throw context.fail("input_ids must be [batch, sequence] and word_embedding [vocabulary, hidden], got \(ids) and \(words.shape ?? [])")
        }
        for index in [3, 4] {
            if let table = context.optionalInput(index), table.shape?.count != 2 || table.shape?.last != ws[1] {
                throw context.fail("input \(index) (\"\(table.name)\") must be [rows, \(ws[1])], got \(table.shape ?? [])")
            }
        }
        let output = InferredTensor(shape: [ids[0], ids[1], ws[1]], elementType: words.elementType)
        let maskIndex = InferredTensor(shape: [ids[0]], elementType: .int32)
        return Array([output, maskIndex, output].prefix(Swift.max(1, context.op.outputs.count)))
    }

    /// FusedMatMul: MatMul with `transA`/`transB` transposing the last two dimensions first.
    static func fusedMatMul(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        var a = try context.input(0)
        var b = try context.input(1)
        func transposed(_ tensor: Tensor) -> Tensor {
            var copy = tensor
            if var shape = copy.shape, shape.count >= 2 {
                shape.swapAt(shape.count - 1, shape.count - 2)
                copy.shape = shape
            }
            return copy
        }
        if context.int("transA", default: 0) != 0 { a = transposed(a) }
        if context.int("transB", default: 0) != 0 { b = transposed(b) }
        return try matMul(ShapeContext(op: context.op, inputs: [a, b]))
    }

    /// MatMulNBits: A [..., K] times a block-quantized [N, K] weight gives [..., N].
    static func matMulNBits(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let a = try context.input(0)
        guard let n = context.int("N"), let k = context.int("K"), a.shape!.last == k else {
            throw context.fail("attributes N and K are required and K must equal A's last dimension")
        }
        return [InferredTensor(shape: Array(a.shape!.dropLast()) + [n], elementType: a.elementType)]
    }
}
