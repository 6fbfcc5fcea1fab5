/// Computes the `Work` of an operator from its shapes.
///
/// Conventions (the usual ones for CNN accounting, batch included):
/// - Conv: N·Cout·∏(output spatial)·(Cin/group)·∏(kernel) MACs; a bias adds one op per output.
/// - ConvTranspose: N·Cin·∏(input spatial)·(Cout/group)·∏(kernel) MACs.
/// - Gemm: M·N·K MACs (+ M·N ops for C and alpha/beta); MatMul: ∏(batch)·M·N·K MACs.
/// - Pooling: one op per window element per output; global pooling one op per input element.
/// - Element-wise: a per-element op count by type (e.g. Sigmoid 4, Softmax 5, BatchNormalization 2).
/// - Views (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout at inference): no arithmetic.
/// Bytes: activations read = non-constant inputs, weights read = constant inputs, written = outputs.
public enum WorkFigures {
    /// Arithmetic ops per output element for element-wise and normalisation operators.
    static let opsPerElement: [String: Int] = [
        "Relu": 1, "LeakyRelu": 2, "PRelu": 2, "Elu": 4, "Selu": 5, "Celu": 5, "Gelu": 8, "Sigmoid": 4,
        "HardSigmoid": 3, "HardSwish": 4, "Tanh": 5, "Softplus": 4, "Softsign": 3, "Mish": 9, "Swish": 5,
        "Exp": 2, "Log": 2, "Sqrt": 2, "Reciprocal": 1, "Neg": 1, "Abs": 1, "Erf": 8, "Floor": 1, "Ceil": 1,
        "Round": 1, "Sin": 4, "Cos": 4, "Sign": 1, "Clip": 2, "ThresholdedRelu": 1,
        "Add": 1, "Sub": 1, "Mul": 1, "Div": 1, "Pow": 4, "Max": 1, "Min": 1, "Equal": 1, "Less": 1, "Greater": 1,
        "Where": 1, "Mean": 1,
        "BatchNormalization": 2, "InstanceNormalization": 5, "LayerNormalization": 8,
        "Softmax": 5, "LogSoftmax": 5, "Resize": 4, "Upsample": 4,
    ]

    /// Operators that only reinterpret or forward data.
    public static let viewTypes: Set<String> = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout"]

    /// Work of `op`, whose inputs and outputs are `inputs` and `outputs` (positional, `nil` when omitted).
    public static func work(of op: Operator, inputs: [Tensor?], outputs: [Tensor]) -> Work {
        var work = Work()
        for tensor in inputs.compactMap({ $0 }) {
            if tensor.kind == .constant { work.weightBytesRead += tensor.byteSize } else { work.activationBytesRead += tensor.byteSize }
        }
        work.bytesWritten = outputs.reduce(0) { $0 + $1.byteSize }
        let outputElements = outputs.first?.elementCount ?? 0
        let inputElements = inputs.first??.elementCount ?? 0

        switch op.type {
        case "Conv":
            guard let w = inputs[1]?.shape, let y = outputs.first?.shape, w.count >= 3 else { break }
            work.macs = y.reduce(1, *) * w[1] * w[2...].reduce(1, *)
            if inputs.count > 2, inputs[2] != nil { work.flops = outputElements }
        case "ConvTranspose":
            guard let x = inputs[0]?.shape, let w = inputs[1]?.shape, w.count >= 3 else { break }
            let group = op.attributes["group"]?.intValue ?? 1
            work.macs = x.reduce(1, *) * w[1] * w[2...].reduce(1, *) / max(1, group) * group
            if inputs.count > 2, inputs[2] != nil { work.flops = outputElements }
        case "Gemm":
            guard let a = inputs[0]?.shape, a.count == 2 else { break }
            let transA = (op.attributes["transA"]?.intValue ?? 0) != 0
            let k = transA ? a[0] : a[1]
            work.macs = outputElements * k
            if inputs.count > 2, inputs[2] != nil { work.flops = outputElements }
        case "MatMul":
            guard let a = inputs[0]?.shape, let k = a.last else { break }
            work.macs = outputElements * k
        case "MaxPool", "AveragePool", "LpPool":
            let kernel = op.attributes["kernel_shape"]?.intsValue ?? []
            work.flops = outputElements * kernel.reduce(1, *)
        case "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2":
            work.flops = inputElements
        case "LRN":
            let size = op.attributes["size"]?.intValue ?? 1
            work.flops = outputElements * (size + 3)
        case "Sum":
            work.flops = outputElements * max(1, inputs.compactMap { $0 }.count - 1)
        default:
            if let perElement = opsPerElement[op.type] { work.flops = outputElements * perElement }
        }
        return work
    }
}
