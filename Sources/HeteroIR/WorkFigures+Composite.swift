extension WorkFigures {
    /// LSTM, GRU and RNN: each time step multiplies the input by W and the hidden state by R for
    /// every direction and gate, so MACs = steps·batch·(|W| + |R|); gate activations and the
    /// state update add about 6 ops per gate output.
    static func recurrentArithmetic(_ op: Operator, inputs: [Tensor?]) -> (macs: Double, flops: Double) {
        guard let x = inputs.first??.shape, x.count == 3, inputs.count > 2,
              let w = inputs[1]?.shape, let r = inputs[2]?.shape, w.count == 3 else { return (0, 0) }
        let batchFirst = (op.attributes["layout"]?.intValue ?? 0) != 0
        let steps = Double(x[batchFirst ? 1 : 0]) * Double(x[batchFirst ? 0 : 1])
        // Gate outputs per step: directions · gates·hidden (W's last axis in the contrib layout).
        let gateOutputs = Double(w[0]) * Double(op.type == "DynamicQuantizeLSTM" ? w[2] : w[1])
        return (steps * (elements(w) + elements(r)), steps * gateOutputs * 6)
    }

    /// Attention as ONNX (opset 23) and ONNX Runtime's contrib operators define it: scores Q·Kᵀ and
    /// the weighted sum P·V cost kvLength·(|Q| + |Y|) MACs; softmax 5 ops per score. The contrib
    /// `Attention` also projects its input with one [hidden, 3·hidden]-shaped weight. The key length
    /// is the present key's when the operator returns one (past + new positions).
    static func attentionArithmetic(_ op: Operator, inputs: [Tensor?], outputs: [Tensor]) -> (macs: Double, flops: Double) {
        guard let q = inputs.first??.shape, q.count >= 3, let y = outputs.first?.shape else { return (0, 0) }
        let contrib = op.attributes["domain"]?.stringValue == "com.microsoft"
        var projection = 0.0
        var kvLength = Double(q.count == 4 ? q[2] : q[1])
        var heads = Double(op.attributes[contrib ? "num_heads" : "q_num_heads"]?.intValue ?? 1)
        if q.count == 4 { heads = Double(q[1]) }
        if contrib && op.type == "Attention" {
            if inputs.count > 1, let w = inputs[1]?.shape, w.count == 2 { projection = elements(q) * Double(w[1]) }
        } else if inputs.count > 1, let k = inputs[1]?.shape, k.count >= 3 {
            kvLength = Double(k.count == 4 ? k[2] : k[1])
        }
        if outputs.count > 1, let present = outputs[1].shape, present.count == 4 {
            kvLength = Double(present[2])
        }
        // GroupQueryAttention's query may be packed QKV; its queries are the output's size (the
        // query and value heads have one size), so the output stands for Q.
        let queries = contrib && op.type == "GroupQueryAttention" ? elements(y) : elements(q)
        let queryWidth = contrib && op.type == "GroupQueryAttention" ? y[y.count - 1] : q[q.count - 1]
        let headSize = Double(queryWidth) / (q.count == 4 ? 1 : max(1, heads))
        let scores = headSize > 0 ? queries / headSize * kvLength : 0
        return (projection + kvLength * (queries + elements(y)), scores * 5)
    }

    /// LinearAttention: per token and query head the state is read for the output and updated,
    /// 2·Dk·Dv MACs; CausalConvWithState: K MACs per output element (depthwise, kernel K).
    static func linearRecurrenceMACs(_ op: Operator, inputs: [Tensor?], outputs: [Tensor]) -> Double {
        if op.type == "CausalConvWithState" {
            guard inputs.count > 1, let w = inputs[1]?.shape, w.count == 3 else { return 0 }
            return elements(outputs.first?.shape) * Double(w[2])
        }
        guard let q = inputs.first??.shape, q.count == 3, outputs.count > 1, let state = outputs[1].shape, state.count == 4 else { return 0 }
        let heads = Double(op.attributes["q_num_heads"]?.intValue ?? 1)
        return Double(q[0]) * Double(q[1]) * heads * Double(state[2]) * Double(state[3]) * 2
    }

    /// Einsum with two or more operands: one MAC per point of the joint index space.
    static func einsumMACs(_ op: Operator, inputs: [Tensor?]) -> Double {
        let shapes = inputs.compactMap { $0?.shape }
        guard shapes.count >= 2, let equation = op.attributes["equation"]?.stringValue,
              let parsed = try? EinsumEquation(equation, shapes: shapes) else { return 0 }
        return parsed.indexSizes.values.reduce(1.0) { $0 * Double($1) } * elements(parsed.ellipsisShape)
    }
}
