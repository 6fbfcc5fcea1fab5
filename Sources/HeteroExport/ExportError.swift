import HeteroSupport

/// Why a plan cannot be exported. Every case is the input's (exit 2).
public enum ExportError: BadInput, Equatable {
    /// The plan does not match the model (an operator missing, unknown or placed twice); every
    /// problem with its JSON path in the plan.
    case planMismatch(plan: String, model: String, problems: [Problem])
    /// ONNX export needs an ONNX model.
    case notONNX(model: String)
    /// The output directory exists and is not empty.
    case directoryNotEmpty(String)

    public var description: String {
        switch self {
        case .planMismatch(let plan, let model, let problems):
            return "\(plan): the plan does not match the model \(model) (\(problems.count == 1 ? "1 problem" : "\(problems.count) problems")):\n"
                + problems.map { "  \($0)" }.joined(separator: "\n")
        case .notONNX(let model):
            return "\(model): --onnx needs an ONNX model; this is a JSON graph"
        case .directoryNotEmpty(let directory):
            return "\(directory): cannot write the export: the directory is not empty (give a new or empty directory)"
        }
    }
}
