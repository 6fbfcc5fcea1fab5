extension WorkFigures {
    /// The bytes `op` reads of its constant input `index` when it reads only rows of it by
    /// position or token (a table lookup), or nil when it reads the whole input:
    /// - Gather of a constant table: the gathered values, which are its output.
    /// - EmbedLayerNormalization (ONNX Runtime): the word, position and segment embeddings
    ///   (inputs 2, 3, 4) are looked up once per token, so each reads tokens × its row.
    /// - RotaryEmbedding (ONNX Runtime's, inputs 2 and 3; ONNX's, inputs 1 and 2) and
    ///   GroupQueryAttention with `do_rotary` (inputs 7 and 8): the cos and sin caches
    ///   [max_sequence_length, rotary/2] are read at each token's position, tokens × a row.
    /// The caller caps the figure at the table's size (a lookup never reads more than all of it).
    static func rowsRead(of op: Operator, input index: Int, inputs: [Tensor?], outputs: [Tensor]) -> Double? {
        guard index < inputs.count, let table = inputs[index], let shape = table.shape, let row = shape.last else { return nil }
        let domain = op.attributes["domain"]?.stringValue ?? ""
        let rowBytes = Double(row) * Double(table.elementType.bits) / 8
        switch (op.type, index) {
        case ("Gather", 0) where domain.isEmpty:
            guard let output = outputs.first else { return nil }
            return Double(output.byteSize)
        case ("EmbedLayerNormalization", 2...4):
            return elements(inputs.first??.shape) * rowBytes
        case ("RotaryEmbedding", 2...3) where !domain.isEmpty, ("RotaryEmbedding", 1...2) where domain.isEmpty:
            guard shape.count == 2 else { return nil }
            return rotaryTokens(inputs.first??.shape) * rowBytes
        case ("GroupQueryAttention", 7...8) where (op.attributes["do_rotary"]?.intValue ?? 0) != 0:
            guard let q = inputs.first??.shape, q.count == 3 else { return nil }
            return Double(q[0]) * Double(q[1]) * rowBytes
        default:
            return nil
        }
    }

    /// Tokens (batch × sequence) of a rotary input: [B, S, hidden] or [B, heads, S, head size].
    static func rotaryTokens(_ shape: [Int]?) -> Double {
        guard let shape, shape.count >= 3 else { return 0 }
        return Double(shape[0]) * Double(shape.count == 4 ? shape[2] : shape[1])
    }

    /// The arithmetic of rotary position embedding. ONNX Runtime's kernels (contrib
    /// RotaryEmbedding, and GroupQueryAttention with `do_rotary` = 1 on its query and new key)
    /// rotate the first `rotary_embedding_dim` channels of each head, each output element
    /// being x[i]·cos[p, i mod r/2] ∓ x[j]·sin[p, i mod r/2] with j its partner in the other half
    /// (or the neighbouring element when interleaved): two multiplies and an add, 3 operations
    /// per rotated element; channels past the rotary dimension are copied. The rotary dimension
    /// is twice the cos cache's last dimension (the schemas: cos_cache is
    /// [max_sequence_length, rotary_embedding_dim / 2], or head_size / 2 for
    /// GroupQueryAttention).
    static func rotaryArithmetic(_ op: Operator, inputs: [Tensor?], outputs: [Tensor]) -> Double {
        let contrib = (op.attributes["domain"]?.stringValue ?? "") == "com.microsoft"
        if op.type == "GroupQueryAttention" {
            guard contrib, (op.attributes["do_rotary"]?.intValue ?? 0) != 0, let q = inputs.first??.shape, q.count == 3,
                  let y = outputs.first?.shape, y.count == 3 else { return 0 }
            let heads = Double(max(1, op.attributes["num_heads"]?.intValue ?? 1))
            let kvHeads = Double(max(1, op.attributes["kv_num_heads"]?.intValue ?? 1))
            let newKeys = Double(q[0]) * Double(q[1]) * kvHeads * (Double(y[2]) / heads)
            return 3 * (elements(y) + newKeys)
        }
        guard op.type == "RotaryEmbedding", let x = inputs.first??.shape, x.count >= 3 else { return 0 }
        let cacheIndex = contrib ? 2 : 1
        guard cacheIndex < inputs.count, let cache = inputs[cacheIndex]?.shape, let half = cache.last, half > 0 else {
            return 3 * elements(x)
        }
        let rotary = Double(2 * half)
        let heads = op.attributes["num_heads"]?.intValue ?? 0
        let headSize = x.count == 4 ? Double(x[3]) : (heads > 0 ? Double(x[x.count - 1]) / Double(heads) : rotary)
        return 3 * elements(x) * min(1, rotary / max(1, headSize))
    }
}
