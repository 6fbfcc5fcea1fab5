extension ShapeInference {
    /// Infers the outputs of attention blocks (ONNX Attention and RotaryEmbedding, ONNX Runtime's
    /// Attention, MultiHeadAttention and GroupQueryAttention) and Einsum, or returns nil for another family.
    static func inferAttention(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "Attention" where context.domain == "com.microsoft": return try packedAttention(context)
        case "GroupQueryAttention": return try groupQueryAttention(context)
        case "Attention", "MultiHeadAttention", "GroupQueryAttention": return try attention(context)
        case "Einsum": return try einsum(context)
        default: return nil
        }
    }

    static let attentionTypes = ["Attention", "MultiHeadAttention", "GroupQueryAttention", "Einsum"]

    /// Q, K, V as [B, heads, S, head] (4-D) or [B, S, heads·head] (3-D, with the head counts as
    /// attributes); past key/value [B, kv heads, P, head] make the present ones [B, kv heads, P + S_kv, head].
    static func attention(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let q = try context.input(0)
        let qs = q.shape!
        let contrib = context.domain == "com.microsoft"
        let ks = try context.shape(1)
        let vs = context.optionalInput(2)?.shape ?? ks
        guard qs.count == 3 || qs.count == 4, ks.count == qs.count || contrib, vs.count == ks.count else {
            throw context.fail("query, key and value must all be 3-D or 4-D, got \(qs), \(ks) and \(vs)")
        }
        let pastIndex = contrib ? (context.op.type == "GroupQueryAttention" ? 3 : 6) : 4
        let past = context.optionalInput(pastIndex)?.shape
        let kvLength = (ks.count == 4 ? ks[2] : ks[1]) + (past?.count == 4 ? past![2] : 0)
        let headsAttribute = contrib ? "num_heads" : "q_num_heads"
        let kvHeadsAttribute = contrib && context.op.type == "GroupQueryAttention" ? "kv_num_heads" : (contrib ? "num_heads" : "kv_num_heads")
        let y: [Int]
        var present: ([Int], [Int])?
        if qs.count == 4 {
            y = [qs[0], qs[1], qs[2], vs[3]]
            present = ([ks[0], ks[1], kvLength, ks[3]], [vs[0], vs[1], kvLength, vs[3]])
        } else {
            let heads = context.int(headsAttribute) ?? 1
            let kvHeads = context.int(kvHeadsAttribute) ?? heads
            guard heads > 0, kvHeads > 0, qs[2] % heads == 0, ks.last! % kvHeads == 0, vs.last! % kvHeads == 0 else {
                throw context.fail("hidden sizes \(qs[2]), \(ks.last!) and \(vs.last!) are not divisible by the head counts \(heads) and \(kvHeads)")
            }
            let valueHead = vs.last! / kvHeads
            y = [qs[0], qs[1], try context.product(heads, valueHead, "heads × head size")]
            if ks.count == 3 { present = ([qs[0], kvHeads, kvLength, ks[2] / kvHeads], [qs[0], kvHeads, kvLength, valueHead]) }
        }
        var outputs = [InferredTensor(shape: y, elementType: q.elementType)]
        if let present {
            outputs.append(InferredTensor(shape: present.0, elementType: q.elementType))
            outputs.append(InferredTensor(shape: present.1, elementType: q.elementType))
            let heads = qs.count == 4 ? qs[1] : context.int(headsAttribute) ?? 1
            outputs.append(InferredTensor(shape: [qs[0], heads, qs.count == 4 ? qs[2] : qs[1], kvLength], elementType: q.elementType))
        }
        return Array(outputs.prefix(Swift.max(1, context.op.outputs.count)))
    }

    /// ONNX Runtime's GroupQueryAttention (`docs/ContribOperators.md`, the schema ONNX Runtime
    /// registers): query [B, S, num_heads·head] with key and value [B, S, kv_num_heads·head], or
    /// packed QKV [B, S, (num_heads + 2·kv_num_heads)·head] with key and value omitted (how
    /// onnxruntime-genai builds it); past key/value [B, kv_num_heads, P, head] (BNSH, input 3 and
    /// 4). The output is [B, S, num_heads·head]; the present key/value hold
    /// max(P, total_sequence_length) positions as the CPU kernel allocates them
    /// (`group_query_attention_helper.h`), the total being input 6's value when it is known at load
    /// time (the genai graph takes it from the attention mask's shape), else P + S.
    static func groupQueryAttention(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let q = try context.input(0)
        let qs = q.shape!
        guard let heads = context.int("num_heads"), let kvHeads = context.int("kv_num_heads"), heads > 0, kvHeads > 0 else {
            throw context.fail("attributes num_heads and kv_num_heads must be positive")
        }
        guard qs.count == 3 else { throw context.fail("query must be [batch, sequence, hidden], got \(qs)") }
        let packed = context.optionalInput(1) == nil
        let headSize: Int
        if packed {
            let columns = try context.sum([heads, kvHeads, kvHeads], "head counts")
            guard qs[2] % columns == 0 else {
                throw context.fail("packed QKV width \(qs[2]) is not a multiple of num_heads + 2·kv_num_heads = \(columns)")
            }
            headSize = qs[2] / columns
        } else {
            let ks = try context.shape(1)
            let vs = try context.shape(2)
            guard qs[2] % heads == 0, ks.count == 3, vs == ks, ks[0] == qs[0], ks[1] == qs[1], ks[2] == kvHeads * (qs[2] / heads) else {
                throw context.fail("query \(qs), key \(ks) and value must be [B, S, num_heads·head] and [B, S, kv_num_heads·head]")
            }
            headSize = qs[2] / heads
        }
        var pastLength = 0
        if let past = context.optionalInput(3) {
            guard let ps = past.shape, ps.count == 4, ps[0] == qs[0], ps[1] == kvHeads, ps[3] == headSize else {
                throw context.fail("past_key must be [\(qs[0]), \(kvHeads), past length, \(headSize)], got \(past.shape ?? [])")
            }
            pastLength = ps[2]
        }
        var total = pastLength + qs[1]
        if let given = context.optionalInput(6)?.intValues, given.count == 1 {
            guard given[0] >= qs[1] else {
                throw context.fail("total_sequence_length \(given[0]) is below the sequence length \(qs[1])")
            }
            total = given[0]
        }
        let presentLength = Swift.max(pastLength, total)
        let output = InferredTensor(shape: [qs[0], qs[1], try context.product(heads, headSize, "num_heads × head size")],
                                    elementType: q.elementType)
        let present = InferredTensor(shape: [qs[0], kvHeads, presentLength, headSize], elementType: q.elementType)
        let scores = InferredTensor(shape: [qs[0], heads, qs[1], presentLength], elementType: q.elementType)
        return Array([output, present, present, scores].prefix(Swift.max(1, context.op.outputs.count)))
    }

    /// ONNX Runtime's Attention: input [B, S, hidden] projected by weights [hidden, q + k + v
    /// hidden]; the output is [B, S, v hidden], the optional present state [2, B, heads, P + S, head].
    static func packedAttention(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let w = try context.shape(1)
        guard xs.count == 3, w.count == 2, w[0] == xs[2] else { throw context.fail("input \(xs) and weights \(w) must be [B, S, hidden] and [hidden, 3·hidden]") }
        let sizes = context.ints("qkv_hidden_sizes") ?? [w[1] / 3, w[1] / 3, w[1] / 3]
        guard sizes.count == 3, try context.sum(sizes, "qkv_hidden_sizes") == w[1], let heads = context.int("num_heads"), heads > 0, sizes[2] % heads == 0 else {
            throw context.fail("num_heads and qkv_hidden_sizes must divide the weights' \(w[1]) columns")
        }
        var outputs = [InferredTensor(shape: [xs[0], xs[1], sizes[2]], elementType: x.elementType)]
        if context.op.outputs.count > 1 {
            let pastLength = context.optionalInput(4)?.shape.map { $0.count == 5 ? $0[3] : 0 } ?? 0
            outputs.append(InferredTensor(shape: [2, xs[0], heads, pastLength + xs[1], sizes[2] / heads], elementType: x.elementType))
        }
        return outputs
    }

    static func einsum(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        var shapes: [[Int]] = []
        for index in 0..<context.inputCount { shapes.append(try context.shape(index)) }
        guard let equation = context.string("equation") else { throw context.fail("attribute equation is required") }
        let parsed: EinsumEquation
        do throws(EinsumEquation.Problem) { parsed = try EinsumEquation(equation, shapes: shapes) } catch { throw context.fail(error.message) }
        return [InferredTensor(shape: parsed.outputShape, elementType: try context.input(0).elementType)]
    }
}
