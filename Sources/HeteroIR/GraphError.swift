import HeteroSupport

/// Why a graph is not a valid computation.
public enum GraphError: BadInput, Equatable {
    case duplicateTensor(String)
    case duplicateOperator(String)
    case tensorProducedTwice(tensor: String, first: String, second: String)
    case unknownInput(operator: String, tensor: String)
    case constantOverwritten(operator: String, tensor: String)
    case unknownGraphOutput(String)
    case unknownGraphInput(String)
    case cycle([String])
    case noOperators
    case shape(operator: String, type: String, message: String)
    case unsupportedOperator(operator: String, type: String)
    case unknownDimension(input: String, dimension: Int, symbol: String)
    case sizeOverflow(what: String)
    case unsupportedDomainOperator(operator: String, type: String, domain: String)
    case negativeDimension(tensor: String, shape: [Int])

    public var description: String {
        switch self {
        case .duplicateTensor(let name):
            return "tensor \"\(name)\" is defined more than once"
        case .duplicateOperator(let name):
            return "operator name \"\(name)\" is used more than once"
        case .tensorProducedTwice(let tensor, let first, let second):
            return "tensor \"\(tensor)\" is produced by both \"\(first)\" and \"\(second)\""
        case .unknownInput(let op, let tensor):
            return "operator \"\(op)\" reads tensor \"\(tensor)\", which no operator produces and which is neither a graph input nor a constant"
        case .constantOverwritten(let op, let tensor):
            return "operator \"\(op)\" writes \"\(tensor)\", which is a graph input or constant"
        case .unknownGraphOutput(let name):
            return "graph output \"\(name)\" is not produced by any operator"
        case .unknownGraphInput(let name):
            return "graph input \"\(name)\" is not a known tensor"
        case .cycle(let names):
            return "the graph has a cycle through operators: " + names.map { "\"\($0)\"" }.joined(separator: " -> ")
        case .noOperators:
            return "the graph has no operators"
        case .shape(let op, let type, let message):
            return "\(type) \"\(op)\": \(message)"
        case .unsupportedOperator(let op, let type):
            return "operator type \"\(type)\" (node \"\(op)\") has no shape rule; hetero-plan cannot size its output"
        case .unknownDimension(let input, let dimension, let symbol):
            let named = !symbol.isEmpty && symbol != "?" && symbol != "no shape declared"
            return "input \"\(input)\" has an unknown dimension \(dimension) (\"\(symbol)\"); set it with --input-shape \(input)=..."
                + (named ? " or --max-dim \(symbol)=N" : "")
        case .unsupportedDomainOperator(let op, let type, let domain):
            return "operator type \"\(type)\" of domain \"\(domain)\" (node \"\(op)\") has no shape rule; hetero-plan cannot size its output"
        case .sizeOverflow(let what):
            return "\(what) exceeds 2^53 elements, bytes or operations, the largest size hetero-plan computes with"
        case .negativeDimension(let tensor, let shape):
            return "tensor \"\(tensor)\" has a negative dimension in \(shape)"
        }
    }
}
