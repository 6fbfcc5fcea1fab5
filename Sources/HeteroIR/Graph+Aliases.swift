extension Graph {
    /// Whether output 0 of `op` is an alias of its input 0: the same bytes under another name or
    /// shape, so it takes no time and owns no storage.
    ///
    /// The views are `WorkFigures.viewTypes` (Identity, Reshape, Flatten, Squeeze, Unsqueeze, and
    /// Dropout at inference: no `training_mode` input, or a constant one that is false). The input
    /// must be an activation or a graph input (a view of a weight is not planned as a buffer
    /// either way) of the output's element type and byte size.
    static func isAlias(_ op: Operator, tensors: [Tensor], tensorIndex: [String: Int]) -> (source: Int, alias: Int)? {
        guard WorkFigures.viewTypes.contains(op.type), let input = op.inputs.first, !input.isEmpty,
              let output = op.outputs.first, !output.isEmpty,
              let source = tensorIndex[input], let alias = tensorIndex[output] else { return nil }
        let from = tensors[source], to = tensors[alias]
        guard from.kind != .constant, to.kind == .activation, from.elementType == to.elementType, from.byteSize == to.byteSize else {
            return nil
        }
        if op.type == "Dropout", op.inputs.count > 2, !op.inputs[2].isEmpty {
            guard let mode = tensorIndex[op.inputs[2]], tensors[mode].kind == .constant,
                  let values = tensors[mode].intValues ?? tensors[mode].floatValues.map({ $0.map { $0 == 0 ? 0 : 1 } }),
                  values.allSatisfy({ $0 == 0 }) else { return nil }
        }
        return (source, alias)
    }

    /// For each tensor, the tensor that owns its storage: itself, or for an alias (see `isAlias`)
    /// its source's root. A chain of views shares one buffer, which lives from the root's
    /// producer to the last reader of any alias. The planner's memory plan and the simulator
    /// both follow this rule.
    /// - Complexity: O(V) over `operators` in topological order.
    static func aliasRoots(tensors: [Tensor], operators: [Operator], tensorIndex: [String: Int]) -> [Int] {
        var root = Array(tensors.indices)
        for op in operators {
            guard let (source, alias) = isAlias(op, tensors: tensors, tensorIndex: tensorIndex) else { continue }
            root[alias] = root[source]
        }
        return root
    }

    /// Whether `tensor` owns no storage: it is an alias of another tensor's buffer.
    public func isAlias(_ tensor: Int) -> Bool {
        aliasRoot[tensor] != tensor
    }
}
