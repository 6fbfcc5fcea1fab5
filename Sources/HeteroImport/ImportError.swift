import HeteroIR
import HeteroSupport

/// Why a model file could not be imported.
public enum ImportError: BadInput, Equatable {
    case empty(file: String)
    case malformedONNX(file: String, reason: String)
    case noGraph(file: String)
    case unsupportedOpset(file: String, version: Int)
    case unsupportedDomain(file: String, node: String, type: String, domain: String)
    /// A node that disagrees with its operator's ONNX schema; `index` is its position in its graph,
    /// `scope` that graph when it is a control-flow body (empty for the main graph).
    case schema(file: String, scope: String, node: String, index: Int, type: String, opset: Int, ONNXSchemaProblem)
    case noGraphOutputs(file: String)
    case unsupportedInputType(file: String, input: String, type: String)
    case unknownShapeOverride(file: String, name: String, inputs: [String])
    case shapeOverrideRank(file: String, name: String, declared: [String], given: [Int])
    case unknownDimensionBound(file: String, name: String, known: [String])
    case badTensorData(file: String, tensor: String, reason: String)
    case graph(file: String, GraphError)
    case document(InputError)

    public var description: String {
        switch self {
        case .empty(let file):
            return "\(file): the file is empty; expected an ONNX model or a JSON graph"
        case .malformedONNX(let file, let reason):
            return "\(file): not a valid ONNX model: \(reason)"
        case .noGraph(let file):
            return "\(file): the ONNX model has no graph or no nodes"
        case .unsupportedOpset(let file, let version):
            return "\(file): ONNX opset \(version) is not supported; hetero-plan reads opsets \(ONNXImporter.supportedOpsets.lowerBound)-\(ONNXImporter.supportedOpsets.upperBound)"
        case .unsupportedDomain(let file, let node, let type, let domain):
            return "\(file): node \"\(node)\" (\(type)) uses operator domain \"\(domain)\"; supported domains: the default ONNX domain, com.microsoft and com.microsoft.nchwc"
        case .schema(let file, let scope, let node, let index, let type, let opset, let problem):
            let place = scope.isEmpty ? "" : "in \(scope): "
            return "\(file): \(place)node #\(index) \"\(node)\" (\(type), opset \(opset)): \(problem.description)"
        case .noGraphOutputs(let file):
            return "\(file): the graph declares no outputs; a model must name at least one graph output"
        case .unsupportedInputType(let file, let input, let type):
            return "\(file): graph input \"\(input)\" has element type \(type); hetero-plan plans numeric and bool tensors only"
        case .unknownShapeOverride(let file, let name, let inputs):
            return "\(file): --input-shape names \"\(name)\", which is not a graph input (inputs: \(inputs.joined(separator: ", ")))"
        case .shapeOverrideRank(let file, let name, let declared, let given):
            return "\(file): --input-shape \(name)=\(given.map(String.init).joined(separator: ",")) has rank \(given.count), but the model declares [\(declared.joined(separator: ", "))]"
        case .unknownDimensionBound(let file, let name, let known):
            let names = known.isEmpty ? "the model has none" : known.joined(separator: ", ")
            return "\(file): --max-dim names \"\(name)\", which is neither a symbolic dimension of a graph input left open by "
                + "--input-shape nor the output of a data-dependent operator (NonZero, Compress, Unique, NonMaxSuppression); "
                + "names that can be bounded: \(names)"
        case .badTensorData(let file, let tensor, let reason):
            return "\(file): tensor \"\(tensor)\": \(reason)"
        case .graph(let file, let error):
            return "\(file): \(error)"
        case .document(let error):
            return error.description
        }
    }
}
