extension ShapeInference {
    /// Infers the outputs of signal-processing operators (DFT, STFT, window functions, mel
    /// filter banks), or returns nil for another family.
    static func inferSignal(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "DFT": return try dft(context)
        case "STFT": return try stft(context)
        case "HannWindow", "HammingWindow", "BlackmanWindow": return try window(context)
        case "MelWeightMatrix": return try melWeightMatrix(context)
        default: return nil
        }
    }

    static let signalTypes = ["DFT", "STFT", "HannWindow", "HammingWindow", "BlackmanWindow", "MelWeightMatrix"]

    /// A scalar integer input that must be known at load time.
    static func scalar(_ context: ShapeContext, _ index: Int) throws(GraphError) -> Int? {
        try context.intValues(ofInput: index)?.first
    }

    /// DFT: [batch, signal..., 1 or 2] to complex [..., 2]; the transformed axis (attribute before
    /// opset 20, input 2 after) takes dft_length, halved plus one when onesided.
    static func dft(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        var shape = x.shape!
        guard shape.count >= 3 else { throw context.fail("input must have rank >= 3, got \(shape)") }
        let axis = try context.axis(try scalar(context, 2) ?? context.int("axis", default: context.inputCount > 2 ? -2 : 1), rank: shape.count)
        let given = try scalar(context, 1)
        let inverse = context.int("inverse", default: 0) != 0
        let onesided = context.int("onesided", default: 0) != 0
        if onesided && inverse {
            // The inverse of a one-sided transform is real, of the full length (2·(n − 1) unless given).
            shape[axis] = given ?? 2 * (shape[axis] - 1)
            shape[shape.count - 1] = 1
        } else {
            let length = given ?? shape[axis]
            shape[axis] = onesided ? length / 2 + 1 : length
            shape[shape.count - 1] = 2
        }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    /// STFT: signal [batch, length, 1 or 2] to [batch, frames, bins, 2].
    static func stft(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count == 3, let step = try scalar(context, 1), step > 0 else {
            throw context.fail("needs a [batch, length, 1|2] signal and a positive constant frame_step")
        }
        let frameLength = try scalar(context, 3) ?? context.optionalInput(2)?.shape?.first ?? xs[1]
        guard frameLength > 0, frameLength <= xs[1] else { throw context.fail("frame length \(frameLength) does not fit the signal \(xs[1])") }
        let frames = (xs[1] - frameLength) / step + 1
        let bins = context.int("onesided", default: 1) != 0 ? frameLength / 2 + 1 : frameLength
        return [InferredTensor(shape: [xs[0], frames, bins, 2], elementType: x.elementType)]
    }

    static func window(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        guard let size = try scalar(context, 0), size >= 0 else { throw context.fail("size must be a non-negative constant") }
        let type = ElementType(onnxCode: context.int("output_datatype", default: 1)) ?? .float32
        return [InferredTensor(shape: [size], elementType: type)]
    }

    static func melWeightMatrix(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        guard let bins = try scalar(context, 0), let length = try scalar(context, 1), bins >= 0, length >= 0 else {
            throw context.fail("num_mel_bins and dft_length must be non-negative constants")
        }
        let type = ElementType(onnxCode: context.int("output_datatype", default: 1)) ?? .float32
        return [InferredTensor(shape: [length / 2 + 1, bins], elementType: type)]
    }
}
