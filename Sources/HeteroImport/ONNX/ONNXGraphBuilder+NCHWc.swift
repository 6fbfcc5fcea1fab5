import HeteroIR

extension ONNXGraphBuilder {
    /// The channel block of a model that ONNX Runtime's NCHWc transformer rewrote (the vector width
    /// of the CPU that optimized it: MLAS uses 16 floats with AVX-512 and 8 with AVX2), which a
    /// saved model does not record but `ReorderInput`'s output shape depends on.
    ///
    /// The transformer pads every NCHWc convolution's filters to the block, so every NCHWc `Conv`
    /// weight's filter count (dimension 0), and its input channel count × group when that is at
    /// least 16 (below the block a convolution may read an unblocked NCHW input), is a multiple of
    /// it: the block is the largest of 16 and 8 dividing them all, or nil when the model has no NCHWc
    /// `Conv` with a constant 4-D weight. A count that is a multiple of neither is refused by
    /// `ReorderInput`'s consumers' own shape checks (the channels would not match).
    static func nchwcBlock(_ nodes: [Onnx_NodeProto], tensors: [String: Tensor]) -> Int? {
        var counts: [Int] = []
        for node in nodes where node.domain == ShapeInference.nchwcDomain && node.opType == "Conv" && node.input.count > 1 {
            guard let weight = tensors[node.input[1]], weight.kind == .constant, let shape = weight.shape, shape.count == 4 else { continue }
            let group = node.attribute.first { $0.name == "group" }.map { Int($0.i) } ?? 1
            counts.append(shape[0])
            let (channels, overflow) = shape[1].multipliedReportingOverflow(by: group)
            if !overflow, channels >= 16 { counts.append(channels) }
        }
        guard !counts.isEmpty else { return nil }
        return [16, 8].first { block in counts.allSatisfy { $0 % block == 0 } } ?? 8
    }
}
