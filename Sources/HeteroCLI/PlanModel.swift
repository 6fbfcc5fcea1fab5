import HeteroIR
import HeteroImport
import HeteroRecords
import HeteroSupport

/// The model a saved plan is for, as `simulate` and `export` find it: `--model`, else the plan's
/// `model_path`; shapes from `--input-shape`, else the plan's `input_shapes`.
enum PlanModel {
    /// Loads the model of `document` (read from `plan`).
    ///
    /// - Throws: `InputError.invalid` naming `model_path` when the plan does not say where its
    ///   model is and `--model` is not given; the loader's errors.
    static func load(for document: PlanDocument, plan: String, model: String?, inputShapes: [String]) throws -> (path: String, graph: Graph) {
        guard let path = model ?? document.modelPath else {
            throw InputError.invalid(file: plan, what: "plan", problems: [
                Problem(JSONPath.root.appending("model_path"), "the plan does not say where its model is; pass --model"),
            ])
        }
        let shapes = inputShapes.isEmpty ? document.inputShapes ?? [] : inputShapes
        return (path, try ModelLoader.load(path: path, inputShapes: try InputShapes.parse(shapes)))
    }
}
