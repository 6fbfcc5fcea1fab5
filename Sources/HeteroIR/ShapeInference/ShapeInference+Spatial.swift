extension ShapeInference {
    /// Infers the outputs of a spatial rearrangement or sampling operator, or returns nil for another family.
    static func inferSpatial(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "DepthToSpace": return try depthToSpace(context, toSpace: true)
        case "SpaceToDepth": return try depthToSpace(context, toSpace: false)
        case "GridSample": return try gridSample(context)
        case "RoiAlign", "MaxRoiPool": return try roiPool(context)
        case "MaxUnpool": return try maxUnpool(context)
        case "AffineGrid": return try affineGrid(context)
        case "CenterCropPad": return try centerCropPad(context)
        default: return nil
        }
    }

    static let spatialTypes = ["DepthToSpace", "SpaceToDepth", "GridSample", "RoiAlign", "MaxRoiPool", "MaxUnpool", "AffineGrid", "CenterCropPad"]

    static func depthToSpace(_ context: ShapeContext, toSpace: Bool) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard xs.count == 4, let block = context.int("blocksize"), block > 0 else {
            throw context.fail("needs a 4-D input and a positive blocksize, got \(xs)")
        }
        let square = try context.product(block, block, "blocksize²")
        if toSpace {
            guard xs[1] % square == 0 else { throw context.fail("channels \(xs[1]) are not divisible by blocksize² \(square)") }
            return [InferredTensor(shape: [xs[0], xs[1] / square, try context.product(xs[2], block, "height × blocksize"),
                                           try context.product(xs[3], block, "width × blocksize")], elementType: x.elementType)]
        }
        guard xs[2] % block == 0, xs[3] % block == 0 else { throw context.fail("height and width \(xs[2])x\(xs[3]) are not divisible by \(block)") }
        return [InferredTensor(shape: [xs[0], try context.product(xs[1], square, "channels × blocksize²"), xs[2] / block, xs[3] / block],
                               elementType: x.elementType)]
    }

    /// GridSample: [N, C] of the input and the spatial size of the grid [N, H_out, W_out, 2].
    static func gridSample(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let grid = try context.shape(1)
        guard xs.count >= 3, grid.count == xs.count, grid[0] == xs[0], grid.last == xs.count - 2 else {
            throw context.fail("grid \(grid) does not fit input \(xs) (expected [N, spatial..., \(xs.count - 2)])")
        }
        return [InferredTensor(shape: [xs[0], xs[1]] + Array(grid.dropFirst().dropLast()), elementType: x.elementType)]
    }

    /// RoiAlign and MaxRoiPool: one [C, output height, output width] block per region.
    static func roiPool(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let rois = try context.shape(1)
        guard xs.count == 4, rois.count == 2 else { throw context.fail("needs a 4-D input and 2-D rois, got \(xs) and \(rois)") }
        let size: [Int]
        if context.op.type == "MaxRoiPool" {
            guard let pooled = context.ints("pooled_shape"), pooled.count == 2 else { throw context.fail("pooled_shape is required") }
            size = pooled
        } else {
            size = [context.int("output_height", default: 1), context.int("output_width", default: 1)]
        }
        return [InferredTensor(shape: [rois[0], xs[1]] + size, elementType: x.elementType)]
    }

    /// MaxUnpool: the explicit output_shape input, or the inverse of the pooling's size formula.
    static func maxUnpool(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        if let explicit = try context.intValues(ofInput: 2) {
            guard explicit.count == xs.count else { throw context.fail("output_shape \(explicit) must have \(xs.count) entries") }
            return [InferredTensor(shape: explicit, elementType: x.elementType)]
        }
        guard let kernel = context.ints("kernel_shape"), kernel.count == xs.count - 2 else {
            throw context.fail("kernel_shape with \(xs.count - 2) entries is required")
        }
        let strides = context.ints("strides") ?? Array(repeating: 1, count: kernel.count)
        let pads = context.ints("pads") ?? Array(repeating: 0, count: 2 * kernel.count)
        guard strides.count == kernel.count, pads.count == 2 * kernel.count else { throw context.fail("strides and pads must match kernel_shape") }
        let spatial = (0..<kernel.count).map { (xs[$0 + 2] - 1) * strides[$0] + kernel[$0] - pads[$0] - pads[$0 + kernel.count] }
        return [InferredTensor(shape: [xs[0], xs[1]] + spatial, elementType: x.elementType)]
    }

    /// AffineGrid: theta [N, 2, 3] (or [N, 3, 4]) and size [N, C, H, W] (or 5-D) give [N, H, W, 2].
    static func affineGrid(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let theta = try context.input(0)
        guard let size = try context.intValues(ofInput: 1), size.count == 4 || size.count == 5 else {
            throw context.fail("size must be a constant [N, C, H, W] or [N, C, D, H, W]")
        }
        return [InferredTensor(shape: [size[0]] + Array(size[2...]) + [size.count - 2], elementType: theta.elementType)]
    }

    /// CenterCropPad: the given axes take the constant target sizes.
    static func centerCropPad(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard let sizes = try context.intValues(ofInput: 1) else { throw context.fail("shape is required") }
        let axes = context.ints("axes") ?? Array(0..<xs.count)
        guard axes.count == sizes.count else { throw context.fail("shape \(sizes) must match axes \(axes)") }
        var shape = xs
        for (axis, size) in zip(axes, sizes) { shape[try context.axis(axis, rank: xs.count)] = size }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }
}
