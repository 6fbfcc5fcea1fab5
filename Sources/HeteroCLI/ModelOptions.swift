import ArgumentParser
import HeteroIR
import HeteroImport

/// The model argument and its input-shape overrides, shared by every command that reads a model.
struct ModelOptions: ParsableArguments {
    @Argument(help: "An ONNX model, a JSON tensor graph (hetero-plan/graph@1) or a JSON task graph (hetero-plan/taskgraph@1).")
    var model: String

    @Option(name: .customLong("input-shape"), help: ArgumentHelp(
        "Shape of a graph input, as NAME=d0,d1,... (repeatable); required for dynamic dimensions.",
        valueName: "NAME=DIMS"))
    var inputShapes: [String] = []

    @Option(name: .customLong("max-dim"), help: ArgumentHelp(
        "Size of a symbolic input dimension (every input dimension so named), or the largest size of a "
            + "data-dependent operator's output (NonZero, Compress, Unique, NonMaxSuppression; default: the "
            + "largest the operator allows), as NAME=N (repeatable).",
        valueName: "NAME=N"))
    var maxDims: [String] = []

    /// Loads the model, choosing the reader from the file's content.
    func load() throws -> Graph {
        try ModelLoader.load(path: model, inputShapes: try InputShapes.parse(inputShapes),
                             dimensionBounds: try DimensionBounds.parse(maxDims))
    }
}
