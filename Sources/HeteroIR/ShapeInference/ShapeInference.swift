/// Static shape inference: for each supported operator type, a rule that computes output shapes
/// (and, for small integer tensors, values) from input shapes and attributes.
///
/// An operator type without a rule is an error naming the type and node; no shape is guessed.
public enum ShapeInference {
    /// Every operator type with a shape rule.
    public static let supportedTypes: [String] = Array(Set(
        convolutionTypes + elementwiseTypes + linearTypes + normalizationTypes + layoutTypes
    )).sorted()

    /// Infers the outputs of `op` given its positional inputs (`nil` for an omitted optional one).
    public static func infer(_ op: Operator, inputs: [Tensor?]) throws(GraphError) -> [InferredTensor] {
        let context = ShapeContext(op: op, inputs: inputs)
        let outputs: [InferredTensor]
        if let result = try inferConvolution(context) {
            outputs = result
        } else if let result = try inferLinear(context) {
            outputs = result
        } else if let result = try inferElementwise(context) {
            outputs = result
        } else if let result = try inferNormalization(context) {
            outputs = result
        } else if let result = try inferLayout(context) {
            outputs = result
        } else {
            throw .unsupportedOperator(operator: op.name, type: op.type)
        }
        for output in outputs where output.shape.contains(where: { $0 < 0 }) {
            throw context.fail("inferred a negative dimension \(output.shape)")
        }
        return outputs
    }
}
