extension ShapeInference {
    /// Infers the outputs of a convolution operator, or returns nil for another family.
    static func inferConvolution(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "Conv": return try conv(context)
        case "ConvTranspose": return try convTranspose(context)
        case "MaxPool": return try pool(context)
        case "AveragePool": return try pool(context)
        case "LpPool": return try pool(context)
        case "GlobalAveragePool": return try globalPool(context)
        case "GlobalMaxPool": return try globalPool(context)
        default: return nil
        }
    }

    static let convolutionTypes = ["Conv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool"]

    /// Spatial output size of a sliding window, per ONNX's Conv/Pool definitions.
    static func slidingOutput(_ context: ShapeContext, input: [Int], kernel: [Int], ceilMode: Bool = false) throws(GraphError) -> [Int] {
        let spatial = kernel.count
        let strides = context.ints("strides") ?? Array(repeating: 1, count: spatial)
        let dilations = context.ints("dilations") ?? Array(repeating: 1, count: spatial)
        var pads = context.ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
        guard strides.count == spatial, dilations.count == spatial, pads.count == 2 * spatial else {
            throw context.fail("strides, dilations and pads must match the \(spatial) spatial dimensions")
        }
        guard strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 }), kernel.allSatisfy({ $0 > 0 }) else {
            throw context.fail("kernel, strides and dilations must be positive")
        }
        let autoPad = context.string("auto_pad") ?? "NOTSET"
        var output: [Int] = []
        for axis in 0..<spatial {
            let size = input[axis]
            let effectiveKernel = try context.sum([context.product(kernel[axis] - 1, dilations[axis], "the dilated kernel"), 1],
                                                  "the dilated kernel")
            switch autoPad {
            case "SAME_UPPER", "SAME_LOWER":
                let out = try context.sum([size, strides[axis], -1], "input + stride") / strides[axis]
                let total = max(0, try context.sum([context.product(out - 1, strides[axis], "the strided span"), effectiveKernel, -size],
                                                   "the SAME padding"))
                pads[axis] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                pads[axis + spatial] = total - pads[axis]
                output.append(out)
            case "VALID":
                output.append((size - effectiveKernel) / strides[axis] + 1)
            case "NOTSET":
                let padded = try context.sum([size, pads[axis], pads[axis + spatial]], "the padded input")
                let span = try context.sum([padded, -effectiveKernel], "the padded input")
                guard span >= 0 else {
                    throw context.fail("kernel \(effectiveKernel) is larger than the padded input \(padded)")
                }
                let steps = ceilMode ? try context.sum([span, strides[axis], -1], "the ceil-mode span") / strides[axis] : span / strides[axis]
                var out = steps + 1
                // ONNX/PyTorch: with ceil mode the last window must start inside the input or left padding.
                if ceilMode, try context.product(out - 1, strides[axis], "the strided span") >= context.sum([size, pads[axis]], "the padded input") {
                    out -= 1
                }
                output.append(out)
            default:
                throw context.fail("unknown auto_pad \"\(autoPad)\"")
            }
        }
        return output
    }

    static func conv(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let w = try context.shape(1)
        let xs = x.shape!
        guard xs.count >= 3, w.count == xs.count else {
            throw context.fail("expected input and weight of equal rank >= 3, got \(xs) and \(w)")
        }
        let group = context.int("group", default: 1)
        guard group > 0, xs[1] % group == 0, w[0] % group == 0 else {
            throw context.fail("group \(group) does not divide channels \(xs[1]) and filters \(w[0])")
        }
        let channels = try context.product(w[1], group, "weight channels × group")
        guard channels == xs[1] else {
            throw context.fail("weight expects \(channels) input channels, input has \(xs[1])")
        }
        let kernel = context.ints("kernel_shape") ?? Array(w[2...])
        guard kernel == Array(w[2...]) else { throw context.fail("kernel_shape \(kernel) disagrees with weight \(w)") }
        if let bias = context.optionalInput(2), bias.shape != [w[0]] {
            throw context.fail("bias shape \(bias.shape ?? []) must be [\(w[0])]")
        }
        let spatial = try slidingOutput(context, input: Array(xs[2...]), kernel: kernel)
        return [InferredTensor(shape: [xs[0], w[0]] + spatial, elementType: x.elementType)]
    }

    static func convTranspose(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let w = try context.shape(1)
        let xs = x.shape!
        guard xs.count >= 3, w.count == xs.count, w[0] == xs[1] else {
            throw context.fail("weight \(w) does not fit input \(xs) (weight dimension 0 must equal input channels)")
        }
        let group = context.int("group", default: 1)
        guard group > 0 else { throw context.fail("group must be positive") }
        let spatialCount = xs.count - 2
        let kernel = context.ints("kernel_shape") ?? Array(w[2...])
        let strides = context.ints("strides") ?? Array(repeating: 1, count: spatialCount)
        let dilations = context.ints("dilations") ?? Array(repeating: 1, count: spatialCount)
        let outputPadding = context.ints("output_padding") ?? Array(repeating: 0, count: spatialCount)
        let pads = context.ints("pads") ?? Array(repeating: 0, count: 2 * spatialCount)
        guard kernel.count == spatialCount, strides.count == spatialCount, dilations.count == spatialCount,
              outputPadding.count == spatialCount, pads.count == 2 * spatialCount else {
            throw context.fail("attribute lengths must match the \(spatialCount) spatial dimensions")
        }
        var spatial: [Int] = []
        let autoPad = context.string("auto_pad") ?? "NOTSET"
        if let explicit = context.ints("output_shape") {
            spatial = Array(explicit.suffix(spatialCount))
        } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
            // ONNX: with SAME padding the output is input·stride; the pads absorb the kernel overhang.
            for axis in 0..<spatialCount { spatial.append(try context.product(xs[axis + 2], strides[axis], "input × stride")) }
        } else {
            let used = autoPad == "VALID" ? Array(repeating: 0, count: 2 * spatialCount) : pads
            for axis in 0..<spatialCount {
                let size = try context.sum([context.product(strides[axis], xs[axis + 2] - 1, "stride × input"), outputPadding[axis],
                                            context.product(kernel[axis] - 1, dilations[axis], "the dilated kernel"), 1,
                                            -used[axis], -used[axis + spatialCount]], "the output size")
                spatial.append(size)
            }
        }
        return [InferredTensor(shape: [xs[0], try context.product(w[1], group, "weight channels × group")] + spatial,
                               elementType: x.elementType)]
    }

    static func pool(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count >= 3 else { throw context.fail("expected an input of rank >= 3, got \(xs)") }
        guard let kernel = context.ints("kernel_shape"), kernel.count == xs.count - 2 else {
            throw context.fail("kernel_shape is required and must have \(xs.count - 2) entries")
        }
        let spatial = try slidingOutput(context, input: Array(xs[2...]), kernel: kernel, ceilMode: context.int("ceil_mode", default: 0) != 0)
        let output = InferredTensor(shape: [xs[0], xs[1]] + spatial, elementType: x.elementType)
        if context.op.type == "MaxPool" && context.op.outputs.count > 1 {
            return [output, InferredTensor(shape: output.shape, elementType: .int64)]
        }
        return [output]
    }

    static func globalPool(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count >= 3 else { throw context.fail("expected an input of rank >= 3, got \(xs)") }
        return [InferredTensor(shape: [xs[0], xs[1]] + Array(repeating: 1, count: xs.count - 2), elementType: x.elementType)]
    }
}
