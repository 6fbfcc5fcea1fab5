extension ShapeInference {
    /// Infers the outputs of LSTM, GRU and RNN, or returns nil for another family.
    static func inferRecurrent(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "LSTM": return try recurrent(context, gates: 4)
        case "GRU": return try recurrent(context, gates: 3)
        case "RNN": return try recurrent(context, gates: 1)
        case "DynamicQuantizeLSTM": return try recurrent(transposedWeights(context), gates: 4)
        default: return nil
        }
    }

    static let recurrentTypes = ["LSTM", "GRU", "RNN", "DynamicQuantizeLSTM"]

    /// ONNX Runtime's DynamicQuantizeLSTM stores W as [directions, input, 4·hidden] and R as
    /// [directions, hidden, 4·hidden] (int8): the LSTM rule applies to their transposes.
    static func transposedWeights(_ context: ShapeContext) -> ShapeContext {
        var inputs = context.inputs
        for index in [1, 2] where index < inputs.count {
            if var tensor = inputs[index], let shape = tensor.shape, shape.count == 3 {
                tensor.shape = [shape[0], shape[2], shape[1]]
                inputs[index] = tensor
            }
        }
        return ShapeContext(op: context.op, inputs: inputs)
    }

    /// X is [seq, batch, input] (layout 0) or [batch, seq, input] (layout 1); W is
    /// [directions, gates·hidden, input], R [directions, gates·hidden, hidden]. Outputs: Y with all
    /// hidden states, Y_h the last one, and for LSTM Y_c the last cell state.
    static func recurrent(_ context: ShapeContext, gates: Int) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let w = try context.shape(1)
        let r = try context.shape(2)
        let directions = (context.string("direction") ?? "forward") == "bidirectional" ? 2 : 1
        guard xs.count == 3, w.count == 3, r.count == 3 else {
            throw context.fail("X, W and R must be 3-D, got \(xs), \(w) and \(r)")
        }
        let hidden = context.int("hidden_size") ?? r[2]
        let gateRows = try context.product(gates, hidden, "gates × hidden_size")
        guard w[0] == directions, r[0] == directions, w[1] == gateRows, r[1] == gateRows, r[2] == hidden else {
            throw context.fail("W \(w) and R \(r) do not match \(directions) direction(s) of \(gates) gate(s) with hidden size \(hidden)")
        }
        let batchFirst = context.int("layout", default: 0) != 0
        let (steps, batch) = batchFirst ? (xs[1], xs[0]) : (xs[0], xs[1])
        guard w[2] == xs[2] else { throw context.fail("W expects input size \(w[2]), X has \(xs[2])") }
        let y = batchFirst ? [batch, steps, directions, hidden] : [steps, directions, batch, hidden]
        let last = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden]
        var outputs = [InferredTensor(shape: y, elementType: x.elementType), InferredTensor(shape: last, elementType: x.elementType)]
        if gates == 4 { outputs.append(InferredTensor(shape: last, elementType: x.elementType)) }
        return outputs
    }
}
