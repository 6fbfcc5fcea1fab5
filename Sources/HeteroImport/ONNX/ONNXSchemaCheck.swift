/// Checks a default-domain node against its operator's schema, as `onnx.checker` does
/// (`OpSchema::Verify` in onnx/defs/schema.cc), and no more strictly:
/// - the input and output counts lie in the schema's range, and a required (single) input or
///   output is not the empty name;
/// - every attribute is declared by the schema (names starting with `__`, which the checker
///   treats as internal, are skipped) and has the declared type; every required attribute is set.
///
/// Less strict than the checker where old exporters differ: an attribute whose `type` is unset
/// takes the type of the field it fills (`ONNXAttributes.effectiveType`), and an empty list
/// with no type matches any list type. Operator types the default domain does not define and
/// deprecated operator versions are left to the shape rules.
enum ONNXSchemaCheck {
    /// The first problem of `node` at default-domain `opset`, or nil.
    static func problem(of node: Onnx_NodeProto, opset: Int) -> ONNXSchemaProblem? {
        let schema: ONNXOperatorSchema
        switch ONNXSchemaTable.lookup(node.opType, opset: opset) {
        case .schema(let found): schema = found
        case .notYetDefined(let first):
            guard onnxRuntimeEarlier.contains(node.opType), case .schema(let found) = ONNXSchemaTable.lookup(node.opType, opset: first) else {
                return .notInOpset(firstVersion: first, opset: opset)
            }
            schema = found
        case .deprecated, .unknown: return nil
        }
        let name = "\(schema.type)-\(schema.sinceVersion)"
        for attribute in node.attribute where !attribute.name.hasPrefix("__") {
            guard let declared = schema.attributes[attribute.name] else {
                return .unknownAttribute(name: attribute.name, schema: name, declared: schema.attributes.keys.sorted())
            }
            let type = ONNXAttributes.effectiveType(attribute)
            let emptyList = type == .undefined && Self.listTypes.contains(declared.type)
            if type != declared.type && !emptyList {
                return .attributeType(name: attribute.name, schema: name,
                                      found: type == .undefined ? "without a type or value" : Self.spelling(type),
                                      expected: Self.spelling(declared.type))
            }
        }
        let given = Set(node.attribute.map(\.name))
        for (attribute, declared) in schema.attributes.sorted(by: { $0.key < $1.key }) where declared.required && !given.contains(attribute) {
            return .missingAttribute(name: attribute, schema: name, expected: Self.spelling(declared.type))
        }
        guard schema.inputCount.contains(node.input.count) else {
            return .inputCount(given: node.input.count, schema: name, allowed: schema.inputCount)
        }
        guard schema.outputCount.contains(node.output.count) else {
            return .outputCount(given: node.output.count, schema: name, allowed: schema.outputCount)
        }
        for (index, input) in node.input.enumerated()
        where input.isEmpty && ONNXOperatorSchema.parameter(schema.inputs, at: index) == .single {
            return .emptyInput(index: index, schema: name)
        }
        for (index, output) in node.output.enumerated()
        where output.isEmpty && ONNXOperatorSchema.parameter(schema.outputs, at: index) == .single {
            return .emptyOutput(index: index, schema: name)
        }
        return nil
    }

    /// Operators ONNX Runtime defines in the default domain before ONNX does, with the signature
    /// ONNX later gave them, so they are checked against ONNX's first schema: LayerNormalization-1
    /// (ONNX from 17), which ONNX Runtime's graph optimizer writes into the models it saves at any
    /// opset (its schema registry, `onnxruntime.capi._pybind_state.get_all_operator_schema()`:
    /// LayerNormalization versions 1 and 17 in the default domain, both with inputs X, Scale, B
    /// and outputs Y, Mean, InvStdDev and attributes axis, epsilon, stash_type).
    static let onnxRuntimeEarlier: Set<String> = ["LayerNormalization"]

    private static let listTypes: Set<Onnx_AttributeProto.AttributeType> = [
        .floats, .ints, .strings, .tensors, .graphs, .sparseTensors, .typeProtos,
    ]

    /// ONNX's own spelling of an attribute type (`AttributeProto.INTS`).
    static func spelling(_ type: Onnx_AttributeProto.AttributeType) -> String {
        ONNXOperatorSchema.attributeTypes.first { $0.value == type }.map { $0.key.uppercased() } ?? "UNDEFINED"
    }
}
