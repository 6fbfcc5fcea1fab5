/// Static shape inference: for each supported operator type, a rule that computes output shapes
/// (and, for small integer tensors, values) from input shapes and attributes.
///
/// An operator type without a rule is an error naming the type and node; no shape is guessed.
public enum ShapeInference {
    /// Every operator type with a shape rule.
    public static let supportedTypes: [String] = Array(Set(
        convolutionTypes + elementwiseTypes + linearTypes + normalizationTypes + layoutTypes + selectionTypes
            + indexingTypes + dataDependentTypes + spatialTypes + recurrentTypes + attentionTypes + quantizationTypes
            + contribTypes + nchwcTypes + signalTypes + generativeTypes
    )).sorted()

    /// Infers the outputs of `op` given its positional inputs (`nil` for an omitted optional one).
    public static func infer(_ op: Operator, inputs: [Tensor?]) throws(GraphError) -> [InferredTensor] {
        let context = ShapeContext(op: op, inputs: inputs)
        try checkUnreadAxes(context)
        // Rule families, tried in order; each returns nil for an operator type it does not own.
        // (An array of typed-throws functions would be shorter but crashes Swift 6's SILGen.)
        // NCHWc operators first: their type names (Conv, MaxPool, ...) are also default-domain ones.
        var found = try inferNCHWc(context)
        if found == nil { found = try inferQuantization(context) }
        if found == nil { found = try inferContrib(context) }
        if found == nil { found = try inferAttention(context) }
        if found == nil { found = try inferConvolution(context) }
        if found == nil { found = try inferLinear(context) }
        if found == nil { found = try inferElementwise(context) }
        if found == nil { found = try inferNormalization(context) }
        if found == nil { found = try inferLayout(context) }
        if found == nil { found = try inferSelection(context) }
        if found == nil { found = try inferIndexing(context) }
        if found == nil { found = try inferDataDependent(context) }
        if found == nil { found = try inferSpatial(context) }
        if found == nil { found = try inferRecurrent(context) }
        if found == nil { found = try inferSignal(context) }
        if found == nil { found = try inferGenerative(context) }
        guard let outputs = found else {
            if context.domain.isEmpty { throw .unsupportedOperator(operator: op.name, type: op.type) }
            throw .unsupportedDomainOperator(operator: op.name, type: op.type, domain: context.domain)
        }
        for (index, output) in outputs.enumerated() {
            if output.shape.contains(where: { $0 < 0 }) { throw context.fail("inferred a negative dimension \(output.shape)") }
            let name = index < op.outputs.count ? op.outputs[index] : "output \(index)"
            do { try SizeLimit.check(tensor: name, shape: output.shape, elementType: output.elementType) } catch {
                throw context.fail("output \"\(name)\" of shape \(output.shape) exceeds 2^53 elements or bytes")
            }
        }
        return outputs
    }
}
