/// How a node disagrees with its operator's schema (`ONNXSchemaCheck`); `schema` names the
/// version in force, e.g. "Conv-11".
public enum ONNXSchemaProblem: Equatable, Sendable {
    case notInOpset(firstVersion: Int, opset: Int)
    case inputCount(given: Int, schema: String, allowed: ClosedRange<Int>)
    case outputCount(given: Int, schema: String, allowed: ClosedRange<Int>)
    case emptyInput(index: Int, schema: String)
    case emptyOutput(index: Int, schema: String)
    case unknownAttribute(name: String, schema: String, declared: [String])
    case attributeType(name: String, schema: String, found: String, expected: String)
    case missingAttribute(name: String, schema: String, expected: String)

    public var description: String {
        switch self {
        case .notInOpset(let first, let opset):
            return "the operator first appears in opset \(first), but the model imports opset \(opset)"
        case .inputCount(let given, let schema, let allowed):
            return "has \(count(given, "input")); \(schema) takes \(Self.range(allowed))"
        case .outputCount(let given, let schema, let allowed):
            return "has \(count(given, "output")); \(schema) produces \(Self.range(allowed))"
        case .emptyInput(let index, let schema):
            return "input \(index) is empty, but \(schema) requires it"
        case .emptyOutput(let index, let schema):
            return "output \(index) is empty, but \(schema) requires it"
        case .unknownAttribute(let name, let schema, let declared):
            let known = declared.isEmpty ? "none" : declared.joined(separator: ", ")
            return "attribute \"\(name)\" is not an attribute of \(schema) (its attributes: \(known))"
        case .attributeType(let name, let schema, let found, let expected):
            return "attribute \"\(name)\" is \(found); \(schema) expects \(expected)"
        case .missingAttribute(let name, let schema, let expected):
            return "the required attribute \"\(name)\" (\(expected)) of \(schema) is missing"
        }
    }

    private func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    private static func range(_ allowed: ClosedRange<Int>) -> String {
        if allowed.upperBound == Int.max { return "at least \(allowed.lowerBound)" }
        if allowed.lowerBound == allowed.upperBound { return "exactly \(allowed.lowerBound)" }
        return "\(allowed.lowerBound) to \(allowed.upperBound)"
    }
}
