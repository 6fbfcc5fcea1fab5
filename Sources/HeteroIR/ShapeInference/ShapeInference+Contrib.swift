extension ShapeInference {
    /// Infers the outputs of ONNX Runtime's `com.microsoft` operators that its transformer optimiser
    /// and quantizer emit and that are not covered by a default-domain family, or returns nil.
    static func inferContrib(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "FusedConv", "NhwcConv": return try conv(context)
        case "FusedMatMul": return try fusedMatMul(context)
        case "MatMulNBits": return try matMulNBits(context)
        default: return nil
        }
    }

    static let contribTypes = ["FusedConv", "NhwcConv", "FusedMatMul", "MatMulNBits"]

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
