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

    /// `graph` with the layers `document` split (`layer_splits`) split the same way, so that the
    /// plan's slice operators exist; `graph` itself when the plan split none.
    ///
    /// - Throws: `InputError.invalid` naming `layer_splits` when a split does not apply to the model.
    static func splitting(_ graph: Graph, as document: PlanDocument, plan: String) throws -> Graph {
        guard let splits = document.layerSplits, !splits.isEmpty else { return graph }
        let path = JSONPath.root.appending("layer_splits")
        do {
            let (split, made) = try graph.splittingChannels(splits.map { ($0.operator, $0.slices) })
            for (index, (record, applied)) in zip(splits, made).enumerated()
            where record.followers != applied.followers || record.channels != applied.channels || record.join != applied.join {
                throw InputError.invalid(file: plan, what: "plan", problems: [Problem(path.appending(index),
                    "splitting \"\(record.operator)\" in this model gives followers \(applied.followers), channels \(applied.channels) and join \"\(applied.join)\", not the plan's")])
            }
            return split
        } catch let error as ChannelSplitError {
            throw InputError.invalid(file: plan, what: "plan", problems: [Problem(path, error.description)])
        }
    }
}
