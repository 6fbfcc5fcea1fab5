/// Computes the `Work` of an operator from its shapes.
///
/// Conventions (the usual ones for CNN accounting, batch included):
/// - Conv: N·Cout·∏(output spatial)·(Cin/group)·∏(kernel) MACs; a bias adds one op per output.
///   ConvInteger and QLinearConv count the same MACs (their weight is input 1 and 3).
/// - ConvTranspose: N·Cin·∏(input spatial)·(Cout/group)·∏(kernel) MACs.
/// - Gemm (and ONNX Runtime's FusedGemm, QGemm): M·N·K MACs (+ M·N ops for C and alpha/beta); MatMul (and MatMulInteger, QLinearMatMul,
///   FusedMatMul): ∏(batch)·M·N·K MACs.
/// - Recurrent (LSTM, GRU, RNN): see `recurrentMACs`; Attention: see `attentionMACs`; Einsum:
///   the product of every distinct index's size.
/// - Pooling: one op per window element per output; global pooling and reductions one op per input element.
/// - Element-wise: a per-element op count by type (e.g. Sigmoid 4, Softmax 5, BatchNormalization 2).
/// - Views (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout at inference): no arithmetic.
/// Bytes: activations read = non-constant inputs, weights read = constant inputs (only the rows a
/// lookup reads of a constant table: `rowsRead`), written = outputs.
/// An empty tensor (a zero dimension) contributes no work and no bytes.
///
/// Figures are computed in `Double` and must be at most `SizeLimit.maximum`; a larger one is
/// `GraphError.sizeOverflow` naming the operator, never an arithmetic trap.
public enum WorkFigures {
    /// Operators that only reinterpret or forward data.
    public static let viewTypes: Set<String> = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout"]

    /// Work of `op`, whose inputs and outputs are `inputs` and `outputs` (positional, `nil` when omitted).
    public static func work(of op: Operator, inputs: [Tensor?], outputs: [Tensor]) throws(GraphError) -> Work {
        var activationBytes = 0.0
        var weightBytes = 0.0
        for (index, tensor) in inputs.enumerated() {
            guard let tensor else { continue }
            if tensor.kind == .constant {
                let whole = Double(tensor.byteSize)
                weightBytes += min(whole, rowsRead(of: op, input: index, inputs: inputs, outputs: outputs) ?? whole)
            } else {
                activationBytes += Double(tensor.byteSize)
            }
        }
        let written = outputs.reduce(0.0) { $0 + Double($1.byteSize) }
        let (macs, flops) = arithmetic(of: op, inputs: inputs, outputs: outputs)
        guard let macs = SizeLimit.count(macs), let flops = SizeLimit.count(flops),
              let activationBytes = SizeLimit.count(activationBytes), let weightBytes = SizeLimit.count(weightBytes),
              let written = SizeLimit.count(written) else {
            throw .sizeOverflow(what: "the work of \(op.label)")
        }
        return Work(macs: macs, flops: flops, activationBytesRead: activationBytes, weightBytesRead: weightBytes, bytesWritten: written)
    }

    static func elements(_ shape: [Int]?) -> Double {
        (shape ?? []).reduce(1.0) { $0 * Double($1) }
    }

    /// MACs and other operations, in floating point so that no size from a model can trap.
    static func arithmetic(of op: Operator, inputs: [Tensor?], outputs: [Tensor]) -> (macs: Double, flops: Double) {
        func input(_ index: Int) -> [Int]? { index < inputs.count ? inputs[index]?.shape : nil }
        func has(_ index: Int) -> Bool { index < inputs.count && inputs[index] != nil }
        let outputElements = elements(outputs.first?.shape)
        let inputElements = elements(input(0))
        let bias = outputElements
        switch op.type {
        case "Conv", "ConvInteger", "QLinearConv", "FusedConv", "NhwcConv", "DeformConv":
            let weightIndex = op.type == "QLinearConv" ? 3 : 1
            guard let w = input(weightIndex), let y = outputs.first?.shape, w.count >= 3 else { return (0, 0) }
            let biasIndex = ["QLinearConv": 8, "DeformConv": 3, "ConvInteger": Int.max][op.type] ?? 2
            let hasBias = has(biasIndex)
            // FusedConv and the NCHWc Conv: a fused activation and a Sum input (index 3) added to the output.
            let fused = op.type == "FusedConv" || op.type == "Conv"
            let activation = fused && op.attributes["activation"] != nil ? bias : 0
            let sum = fused && has(3) ? bias : 0
            return (elements(y) * Double(w[1]) * elements(Array(w[2...])), (hasBias ? bias : 0) + activation + sum)
        case "ConvTranspose":
            guard let x = input(0), let w = input(1), w.count >= 3 else { return (0, 0) }
            return (elements(x) * Double(w[1]) * elements(Array(w[2...])), has(2) ? bias : 0)
        case "Gemm", "FusedGemm", "QGemm":
            guard let a = input(0), a.count == 2 else { return (0, 0) }
            let transA = (op.attributes["transA"]?.intValue ?? 0) != 0
            let activation = op.type == "FusedGemm" && op.attributes["activation"] != nil ? bias : 0
            return (outputElements * Double(transA ? a[0] : a[1]), (has(op.type == "QGemm" ? 6 : 2) ? bias : 0) + activation)
        case "MatMul", "MatMulInteger", "QLinearMatMul", "FusedMatMul", "MatMulNBits":
            guard let a = input(0), a.count >= 1 else { return (0, 0) }
            let transA = (op.attributes["transA"]?.intValue ?? 0) != 0 && a.count >= 2
            return (outputElements * Double(transA ? a[a.count - 2] : a[a.count - 1]), 0)
        case "LSTM", "GRU", "RNN", "DynamicQuantizeLSTM":
            return recurrentArithmetic(op, inputs: inputs)
        case "Attention", "MultiHeadAttention", "GroupQueryAttention":
            let attention = attentionArithmetic(op, inputs: inputs, outputs: outputs)
            return (attention.macs, attention.flops + rotaryArithmetic(op, inputs: inputs, outputs: outputs))
        case "RotaryEmbedding":
            return (0, rotaryArithmetic(op, inputs: inputs, outputs: outputs))
        case "LinearAttention", "CausalConvWithState":
            return (linearRecurrenceMACs(op, inputs: inputs, outputs: outputs), outputElements * 4)
        case "Einsum":
            return (einsumMACs(op, inputs: inputs), 0)
        case "MaxPool", "AveragePool", "LpPool", "MaxRoiPool":
            let kernel = op.attributes["kernel_shape"]?.intsValue ?? []
            return (0, outputElements * kernel.reduce(1.0) { $0 * Double($1) })
        case "LRN":
            return (0, outputElements * (Double(op.attributes["size"]?.intValue ?? 1) + 3))
        case "Sum":
            return (0, outputElements * Double(max(1, inputs.compactMap { $0 }.count - 1)))
        case "RoiAlign":
            let ratio = op.attributes["sampling_ratio"]?.intValue ?? 0
            let samples = ratio > 0 ? Double(ratio) * Double(ratio) : 4
            return (0, outputElements * samples * 4)
        default:
            if readsWholeInput.contains(op.type) { return (0, inputElements) }
            if let perElement = opsPerElement[op.type] { return (0, outputElements * Double(perElement)) }
            return (0, 0)
        }
    }
}
