extension ShapeInference {
    /// Infers the outputs of a linear operator, or returns nil for another family.
    static func inferLinear(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "Gemm": return try gemm(context)
        case "MatMul": return try matMul(context)
        default: return nil
        }
    }

    static let linearTypes = ["Gemm", "MatMul"]

    static func gemm(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let a = try context.input(0)
        let b = try context.shape(1)
        guard a.rank == 2, b.count == 2 else {
            throw context.fail("Gemm needs 2-D inputs, got \(a.shape!) and \(b)")
        }
        let transA = context.int("transA", default: 0) != 0
        let transB = context.int("transB", default: 0) != 0
        let (m, k) = transA ? (a.shape![1], a.shape![0]) : (a.shape![0], a.shape![1])
        let (kb, n) = transB ? (b[1], b[0]) : (b[0], b[1])
        guard k == kb else { throw context.fail("inner dimensions differ: \(k) and \(kb)") }
        if let c = context.optionalInput(2) {
            _ = try broadcastShape(context, [c.shape ?? [], [m, n]])
        }
        return [InferredTensor(shape: [m, n], elementType: a.elementType)]
    }

    static func matMul(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let a = try context.input(0)
        var sa = a.shape!
        var sb = try context.shape(1)
        guard !sa.isEmpty, !sb.isEmpty else { throw context.fail("MatMul inputs must have rank >= 1") }
        let promoteA = sa.count == 1
        let promoteB = sb.count == 1
        if promoteA { sa = [1] + sa }
        if promoteB { sb = sb + [1] }
        guard sa[sa.count - 1] == sb[sb.count - 2] else {
            throw context.fail("inner dimensions differ: \(sa[sa.count - 1]) and \(sb[sb.count - 2])")
        }
        let batch = try broadcastShape(context, [Array(sa.dropLast(2)), Array(sb.dropLast(2))])
        var shape = batch
        if !promoteA { shape.append(sa[sa.count - 2]) }
        if !promoteB { shape.append(sb[sb.count - 1]) }
        return [InferredTensor(shape: shape, elementType: a.elementType)]
    }
}
