/// Value propagation for small integer tensors: the load-time evaluation that lets shape
/// computations in exported graphs (Shape -> Gather -> Concat -> Reshape -> Slice -> Transpose ...)
/// fold to constants, as onnx's `infer_shapes(data_prop=True)` does.
extension ShapeInference {
    /// Row-major strides of `shape`.
    static func strides(of shape: [Int]) -> [Int] {
        var result = Array(repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            result[axis] = stride
            stride *= shape[axis]
        }
        return result
    }

    /// Visits every index of `shape` in row-major order.
    static func forEachIndex(of shape: [Int], _ body: ([Int]) -> Void) {
        guard !shape.contains(0) else { return }
        var index = Array(repeating: 0, count: shape.count)
        while true {
            body(index)
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Values of a strided slice: output index i on an axis reads input index start + i·step.
    static func slicedValues(_ values: [Int], shape: [Int], output: [Int], starts: [Int], steps: [Int]) -> [Int] {
        let inputStrides = strides(of: shape)
        var result: [Int] = []
        result.reserveCapacity(output.reduce(1, *))
        forEachIndex(of: output) { index in
            var offset = 0
            for axis in index.indices { offset += (starts[axis] + index[axis] * steps[axis]) * inputStrides[axis] }
            result.append(values[offset])
        }
        return result
    }

    /// Values of a transpose: output axis a is input axis permutation[a].
    static func transposedValues(_ values: [Int], shape: [Int], permutation: [Int]) -> [Int] {
        let inputStrides = strides(of: shape)
        var result: [Int] = []
        result.reserveCapacity(values.count)
        forEachIndex(of: permutation.map { shape[$0] }) { index in
            var offset = 0
            for (axis, position) in index.enumerated() { offset += position * inputStrides[permutation[axis]] }
            result.append(values[offset])
        }
        return result
    }

    /// Integer unary operators on known values.
    static func unaryValues(_ type: String, _ values: [Int]?) -> [Int]? {
        guard let values else { return nil }
        switch type {
        case "Identity", "Floor", "Ceil", "Round": return values
        case "Neg": return values.allSatisfy({ $0 != Int.min }) ? values.map { -$0 } : nil
        case "Abs": return values.allSatisfy({ $0 != Int.min }) ? values.map { Swift.abs($0) } : nil
        case "Sign": return values.map { $0.signum() }
        case "Not": return values.map { $0 == 0 ? 1 : 0 }
        default: return nil
        }
    }

    /// Where on known values, each operand either full-size or a single value.
    static func whereValues(_ tensors: [Tensor], count: Int) -> [Int]? {
        guard tensors.count == 3 else { return nil }
        var lists: [[Int]] = []
        for tensor in tensors {
            guard let values = tensor.intValues, values.count == count || values.count == 1 else { return nil }
            lists.append(values)
        }
        return (0..<count).map { index in
            let pick = { (list: [Int]) in list[list.count == 1 ? 0 : index] }
            return pick(lists[0]) != 0 ? pick(lists[1]) : pick(lists[2])
        }
    }

    /// A full reduction of known values (ReduceProd/Sum/Max/Min over every axis), checked.
    static func reducedValues(_ type: String, _ values: [Int]?) -> [Int]? {
        guard let values, !values.isEmpty else { return nil }
        switch type {
        case "ReduceMax": return [values.max()!]
        case "ReduceMin": return [values.min()!]
        case "ReduceSum": return SizeLimit.sum(values).map { [$0] }
        case "ReduceProd": return SizeLimit.product(values).map { [$0] }
        default: return nil
        }
    }
}
