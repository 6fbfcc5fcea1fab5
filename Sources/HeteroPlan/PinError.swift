import HeteroSupport

/// Why an affinity pin (`--pin`, `--pin-type`, `--constraints`) cannot be honoured. Every case is
/// the input's (exit 2) and names the pin by where it was given.
public enum PinError: BadInput, Equatable {
    /// A `NODE=UNIT` or `TYPE=UNIT` value without its `=` or one of its sides.
    case malformed(source: String, value: String)
    /// The pin names a node the model does not have.
    case unknownNode(source: String, node: String, suggestion: String?)
    /// The pin names an operator type no node of the model has.
    case unknownType(source: String, type: String, known: [String])
    /// The pin names a unit the platform does not have.
    case unknownUnit(source: String, unit: String, known: [String])
    /// The unit cannot run the pinned operator (unsupported, too large for its memory, ...).
    case impossible(source: String, operator: String, unit: String, reason: String)
    /// One node or type pinned to two different units.
    case conflict(target: String, first: (source: String, unit: String), second: (source: String, unit: String))

    public var description: String {
        switch self {
        case .malformed(let source, let value):
            return "\(source): \"\(value)\" is not NAME=UNIT"
        case .unknownNode(let source, let node, let suggestion):
            return "\(source): the model has no node \"\(node)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .unknownType(let source, let type, let known):
            return "\(source): no node of the model has type \"\(type)\" (types: \(known.joined(separator: ", ")))"
        case .unknownUnit(let source, let unit, let known):
            return "\(source): the platform has no unit \"\(unit)\" (units: \(known.joined(separator: ", ")))"
        case .impossible(let source, let op, let unit, let reason):
            return "\(source): \(op) cannot be pinned to \(unit): \(reason)"
        case .conflict(let target, let first, let second):
            return "\(target) is pinned to \(first.unit) by \(first.source) and to \(second.unit) by \(second.source)"
        }
    }

    public static func == (lhs: PinError, rhs: PinError) -> Bool { lhs.description == rhs.description }
}
