extension ShapeInference {
    /// Infers the outputs of a layout operator, or returns nil for another family.
    static func inferLayout(_ context: ShapeContext) throws(GraphError) -> [InferredTensor]? {
        switch context.op.type {
        case "Reshape": return try reshape(context)
        case "Flatten": return try flatten(context)
        case "Transpose": return try transpose(context)
        case "Concat": return try concat(context)
        case "Split": return try split(context)
        case "Slice": return try slice(context)
        case "Squeeze": return try squeeze(context)
        case "Unsqueeze": return try unsqueeze(context)
        case "Pad": return try pad(context)
        case "Resize": return try resize(context)
        case "Upsample": return try resize(context)
        case "Gather": return try gather(context)
        case "Shape": return try shapeOf(context)
        case "Cast": return try cast(context)
        case "Expand": return try expand(context)
        case "ConstantOfShape": return try constantOfShape(context)
        default: return nil
        }
    }

    static let layoutTypes = ["Reshape", "Flatten", "Transpose", "Concat", "Split", "Slice", "Squeeze", "Unsqueeze", "Pad", "Resize", "Upsample", "Gather", "Shape", "Cast", "Expand", "ConstantOfShape"]

    static func reshape(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard let target = try context.intList(attribute: "shape", orInput: 1) else {
            throw context.fail("the target shape is missing")
        }
        let allowZero = context.int("allowzero", default: 0) != 0
        var shape: [Int] = []
        var inferred: Int?
        for (axis, dimension) in target.enumerated() {
            switch dimension {
            case -1:
                guard inferred == nil else { throw context.fail("target shape \(target) has more than one -1") }
                inferred = axis
                shape.append(1)
            case 0 where !allowZero:
                guard axis < xs.count else { throw context.fail("target shape \(target) copies dimension \(axis), which the input \(xs) lacks") }
                shape.append(xs[axis])
            case let value where value >= 0:
                shape.append(value)
            default:
                throw context.fail("invalid dimension \(dimension) in target shape \(target)")
            }
        }
        let total = try context.elementCount(xs)
        let known = try context.elementCount(shape)
        if let inferred {
            guard known > 0, total % known == 0 else { throw context.fail("cannot reshape \(xs) to \(target)") }
            shape[inferred] = total / known
        } else if known != total {
            throw context.fail("cannot reshape \(xs) (\(total) elements) to \(target) (\(known) elements)")
        }
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(x.intValues, shape: shape))]
    }

    static func flatten(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        var axis = context.int("axis", default: 1)
        if axis < 0 { axis += xs.count }
        guard axis >= 0 && axis <= xs.count else { throw context.fail("axis \(axis) out of range for rank \(xs.count)") }
        let shape = [try context.elementCount(Array(xs[..<axis])), try context.elementCount(Array(xs[axis...]))]
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(x.intValues, shape: shape))]
    }

    static func transpose(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let permutation = context.ints("perm") ?? Array((0..<xs.count).reversed())
        guard permutation.sorted() == Array(0..<xs.count) else {
            throw context.fail("perm \(permutation) is not a permutation of 0..<\(xs.count)")
        }
        var values: [Int]?
        if let data = x.intValues, data.count == SizeLimit.product(xs) {
            values = transposedValues(data, shape: xs, permutation: permutation)
        }
        let shape = permutation.map { xs[$0] }
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(values, shape: shape))]
    }

    static func concat(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let first = try context.input(0)
        guard let axisAttribute = context.int("axis") else { throw context.fail("attribute axis is required") }
        let rank = first.rank
        let axis = try context.axis(axisAttribute, rank: rank)
        var shape = first.shape!
        var values: [Int]? = first.intValues
        for index in 1..<context.inputCount {
            let next = try context.input(index)
            let ns = next.shape!
            guard ns.count == rank, (0..<rank).allSatisfy({ $0 == axis || ns[$0] == shape[$0] }) else {
                throw context.fail("input \(index) has shape \(ns), which does not match \(first.shape!) outside axis \(axis)")
            }
            shape[axis] += ns[axis]
            if rank == 1, let current = values, let more = next.intValues { values = current + more } else { values = nil }
        }
        return [InferredTensor(shape: shape, elementType: first.elementType, intValues: context.tracked(values, shape: shape))]
    }

    static func split(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let axis = try context.axis(context.int("axis", default: 0), rank: xs.count)
        let count = context.op.outputs.count
        var sizes = try context.intList(attribute: "split", orInput: 1)
        if sizes == nil {
            let parts = context.int("num_outputs") ?? count
            guard parts > 0, parts <= Swift.max(count, 1) else {
                throw context.fail("cannot split into \(parts) parts (the node has \(count) outputs)")
            }
            let chunk = (xs[axis] + parts - 1) / parts
            sizes = (0..<parts).map { Swift.min(chunk, Swift.max(0, xs[axis] - $0 * chunk)) }
        }
        guard let sizes, sizes.count == count, sizes.allSatisfy({ $0 >= 0 }), try context.sum(sizes, "split sizes") == xs[axis] else {
            throw context.fail("split sizes \(sizes ?? []) do not add up to dimension \(xs[axis]) over \(count) outputs")
        }
        return sizes.map { size in
            var shape = xs
            shape[axis] = size
            return InferredTensor(shape: shape, elementType: x.elementType)
        }
    }

    static func slice(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        let starts = try context.intList(attribute: "starts", orInput: 1)
        let ends = try context.intList(attribute: "ends", orInput: 2)
        guard let starts, let ends, starts.count == ends.count else {
            throw context.fail("starts and ends must be given with equal lengths")
        }
        let axes = try context.intList(attribute: "axes", orInput: 3) ?? Array(0..<starts.count)
        let steps = try context.intValues(ofInput: 4) ?? Array(repeating: 1, count: starts.count)
        guard axes.count == starts.count, steps.count == starts.count else {
            throw context.fail("axes and steps must match starts in length")
        }
        var shape = xs
        var ranges = xs.map { (0, $0, 1) }
        for index in starts.indices {
            let axis = try context.axis(axes[index], rank: xs.count)
            let size = xs[axis]
            let step = steps[index]
            guard step != 0, step != Int.min else { throw context.fail("slice step must not be 0 or -2^63, got \(step)") }
            func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { Swift.min(Swift.max(value, low), high) }
            var start = starts[index] < 0 ? starts[index] + size : starts[index]
            var end = ends[index] < 0 ? ends[index] + size : ends[index]
            if step > 0 {
                start = clamp(start, 0, size)
                end = clamp(end, 0, size)
                shape[axis] = end <= start ? 0 : (end - start - 1) / step + 1
            } else {
                start = clamp(start, 0, size - 1)
                end = clamp(end, -1, size - 1)
                shape[axis] = start <= end ? 0 : (start - end - 1) / (-step) + 1
            }
            ranges[axis] = (start, end, step)
        }
        var values: [Int]?
        if let data = x.intValues, data.count == SizeLimit.product(xs) {
            values = slicedValues(data, shape: xs, output: shape, starts: ranges.map(\.0), steps: ranges.map(\.2))
        }
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(values, shape: shape))]
    }

    static func squeeze(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        var shape: [Int] = []
        if let axes = try context.intList(attribute: "axes", orInput: 1) {
            var removed = Set<Int>()
            for axis in axes {
                let normalized = try context.axis(axis, rank: xs.count)
                guard xs[normalized] == 1 else { throw context.fail("cannot squeeze axis \(axis) of size \(xs[normalized])") }
                removed.insert(normalized)
            }
            shape = xs.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        } else {
            shape = xs.filter { $0 != 1 }
        }
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(x.intValues, shape: shape))]
    }

    static func unsqueeze(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard let axes = try context.intList(attribute: "axes", orInput: 1) else {
            throw context.fail("axes are required")
        }
        let rank = xs.count + axes.count
        var inserted = Set<Int>()
        for axis in axes {
            guard inserted.insert(try context.axis(axis, rank: rank)).inserted else { throw context.fail("axis \(axis) repeated") }
        }
        var shape: [Int] = []
        var source = xs.makeIterator()
        for axis in 0..<rank {
            shape.append(inserted.contains(axis) ? 1 : source.next()!)
        }
        return [InferredTensor(shape: shape, elementType: x.elementType, intValues: context.tracked(x.intValues, shape: shape))]
    }

    static func pad(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        guard let pads = try context.intList(attribute: "pads", orInput: 1) else { throw context.fail("pads are required") }
        let axes = try context.intValues(ofInput: 3) ?? Array(0..<xs.count)
        guard pads.count == 2 * axes.count else {
            throw context.fail("pads has \(pads.count) entries, expected \(2 * axes.count)")
        }
        var shape = xs
        for (index, axis) in axes.enumerated() {
            let normalized = try context.axis(axis, rank: xs.count)
            shape[normalized] = try context.sum([shape[normalized], pads[index], pads[index + axes.count]], "the padded dimension")
        }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    /// Resize and Upsample. Upsample-7 has a `scales` attribute, Upsample-9 and Resize-10 a scales
    /// input 1, Resize-11+ scales (input 2) or sizes (input 3); Resize-18 may name `axes` (the
    /// scales or sizes then cover only those) and a `keep_aspect_ratio_policy` for sizes.
    static func resize(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        let xs = x.shape!
        var axes = Array(0..<xs.count)
        if let given = context.ints("axes") {
            axes = []
            for axis in given { axes.append(try context.axis(axis, rank: xs.count)) }
        }
        var shape = xs
        if context.op.type == "Resize", context.inputCount > 3, let sizes = try context.intValues(ofInput: 3), !sizes.isEmpty {
            guard sizes.count == axes.count else { throw context.fail("sizes \(sizes) must have \(axes.count) entries") }
            let policy = context.string("keep_aspect_ratio_policy") ?? "stretch"
            if policy == "stretch" {
                for (axis, size) in zip(axes, sizes) { shape[axis] = size }
            } else {
                let ratios = zip(axes, sizes).map { Double($1) / Double(Swift.max(1, xs[$0])) }
                let scale = (policy == "not_larger" ? ratios.min() : ratios.max()) ?? 1
                for axis in axes {
                    let size = (scale * Double(xs[axis])).rounded(.toNearestOrAwayFromZero)
                    guard size >= 0, size <= Double(SizeLimit.maximum) else { throw context.fail("sizes \(sizes) give an impossible size") }
                    shape[axis] = Int(size)
                }
            }
            return [InferredTensor(shape: shape, elementType: x.elementType)]
        }
        var scales = context.floats("scales")
        if scales == nil {
            let index = context.op.type == "Resize" && context.inputCount > 2 ? 2 : 1
            if let tensor = context.optionalInput(index) {
                guard let values = tensor.floatValues else {
                    throw context.fail("scales input \"\(tensor.name)\" must be a constant known at load time")
                }
                scales = values
            }
        }
        guard let scales, scales.count == axes.count else {
            throw context.fail("scales or sizes with \(axes.count) entries are required")
        }
        for (axis, scale) in zip(axes, scales) {
            let size = (Double(xs[axis]) * scale).rounded(.down)
            guard size >= 0, size <= Double(SizeLimit.maximum) else { throw context.fail("scale \(scale) gives an impossible size") }
            shape[axis] = Int(size)
        }
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    static func gather(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let data = try context.input(0)
        let indices = try context.input(1)
        let ds = data.shape!
        let axis = try context.axis(context.int("axis", default: 0), rank: ds.count)
        let shape = Array(ds[..<axis]) + indices.shape! + Array(ds[(axis + 1)...])
        var values: [Int]?
        if ds.count == 1, let source = data.intValues, let picks = indices.intValues {
            values = []
            for pick in picks {
                let index = pick < 0 ? pick + ds[0] : pick
                guard index >= 0 && index < ds[0] else { throw context.fail("index \(pick) out of range for size \(ds[0])") }
                values!.append(source[index])
            }
        }
        return [InferredTensor(shape: shape, elementType: data.elementType, intValues: context.tracked(values, shape: shape))]
    }

    static func shapeOf(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let xs = try context.shape(0)
        var start = context.int("start", default: 0)
        var end = context.int("end", default: xs.count)
        if start < 0 { start += xs.count }
        if end < 0 { end += xs.count }
        start = Swift.min(Swift.max(start, 0), xs.count)
        end = Swift.min(Swift.max(end, start), xs.count)
        let values = Array(xs[start..<end])
        return [InferredTensor(shape: [values.count], elementType: .int64, intValues: values)]
    }

    static func cast(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        guard let code = context.int("to"), let type = ElementType(onnxCode: code) else {
            throw context.fail("attribute to=\(context.int("to").map(String.init) ?? "missing") is not a supported element type")
        }
        var values = type == .string || type.isFloatingPoint ? nil : x.intValues
        if type == .bool { values = values?.map { $0 != 0 ? 1 : 0 } }
        return [InferredTensor(shape: x.shape!, elementType: type, intValues: values)]
    }

    static func expand(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        let x = try context.input(0)
        guard let target = try context.intValues(ofInput: 1) else { throw context.fail("target shape is required") }
        let shape = try broadcastShape(context, [x.shape!, target])
        return [InferredTensor(shape: shape, elementType: x.elementType)]
    }

    static func constantOfShape(_ context: ShapeContext) throws(GraphError) -> [InferredTensor] {
        guard let shape = try context.intValues(ofInput: 0) else { throw context.fail("the shape input is required") }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw context.fail("shape \(shape) has a negative dimension") }
        let type = context.string("value_type").flatMap(ElementType.init(rawValue:)) ?? .float32
        let fill = context.int("value_int")
        let count = try context.elementCount(shape)
        let values = fill.map { Array(repeating: $0, count: count) }
        return [InferredTensor(shape: shape, elementType: type, intValues: context.tracked(values, shape: shape))]
    }
}
