import ArgumentParser
import Foundation
import HeteroExport
import HeteroImport
import HeteroRecords
import HeteroSupport

/// `hetero-plan export`: cut a plan into subgraphs a runtime can execute.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Cut a plan into per-unit subgraphs: ONNX models and a manifest (--onnx DIR), or the partitioned graph in DOT.",
        discussion: """
            A subgraph is a maximal run of operators on one unit, in that unit's planned order, with no input from another \
            unit after its first operator. Run in manifest order, the subgraphs compute the model. --onnx DIR writes \
            sgNN_UNIT.onnx per subgraph (boundary tensors as inputs and outputs with their shapes, weights carried over) and \
            manifest.json (hetero-plan/partition@1); DIR must be new or empty and is written all or nothing.
            """
    )

    @Argument(help: "A plan file written by `hetero-plan plan -o`.")
    var plan: String

    @Option(help: "The model the plan is for (default: the plan's model_path).")
    var model: String?

    @Option(name: .customLong("input-shape"), help: ArgumentHelp("Input shape overrides (default: the plan's input_shapes).", valueName: "NAME=DIMS"))
    var inputShapes: [String] = []

    @Option(help: ArgumentHelp("Write one ONNX model per subgraph and manifest.json into this new or empty directory.", valueName: "DIR"))
    var onnx: String?

    @Option(help: "What to print: table (the subgraphs), json (the manifest) or dot (the partitioned graph for Graphviz).")
    var format: ExportFormat = .table

    func run() throws {
        if let onnx, let problem = StagedDirectory.problem(writingDirectoryAt: onnx) {
            throw InputError.unwritable(file: onnx, reason: problem)
        }
        let document = try PlanDocument.read(path: plan)
        let (modelPath, model) = try PlanModel.load(for: document, plan: plan, model: model, inputShapes: inputShapes)
        if onnx != nil, !(document.layerSplits ?? []).isEmpty {
            throw InputError.invalid(file: plan, what: "plan", problems: [Problem(JSONPath.root.appending("layer_splits"),
                "the plan splits layers over tiles; their slices' weights are not in the model, so it cannot be cut into ONNX subgraphs (--format json or dot works)")])
        }
        let graph = try PlanModel.splitting(model, as: document, plan: plan)
        let partition = try Partition(plan: document, file: plan, graph: graph, modelFile: modelPath)
        var manifest = PartitionManifest(partition: partition, plan: document)
        if let onnx {
            let bytes = try TextFile.read(modelPath)
            if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") { throw ExportError.notONNX(model: modelPath) }
            let extractor = try ONNXSubgraphExtractor(bytes: bytes, file: modelPath, graph: graph)
            var files: [(name: String, bytes: [UInt8])] = []
            for subgraph in partition.subgraphs {
                files.append((subgraph.name + ".onnx", try extractor.extract(
                    name: subgraph.name, operators: subgraph.operators.map { graph.operators[$0].name },
                    inputs: subgraph.inputs.map { graph.tensors[$0].name }, outputs: subgraph.outputs.map { graph.tensors[$0].name })))
            }
            manifest = PartitionManifest(partition: partition, plan: document, files: files.map(\.name))
            files.append(("manifest.json", Array((try JSONOutput.encode(manifest) + "\n").utf8)))
            try StagedDirectory.write(files, to: onnx)
        }
        switch format {
        case .json: print(try JSONOutput.encode(manifest))
        case .dot: print(partition.dot(), terminator: "")
        case .table:
            let table = TextTable(headers: ["subgraph", "unit", "operators", "inputs", "outputs", "after"], alignRight: [false, false, true, true, true, false])
            print(table.render(manifest.subgraphs.map {
                [$0.name, $0.unit, String($0.operators.count), String($0.inputs.count), String($0.outputs.count),
                 $0.dependencies.isEmpty ? "-" : $0.dependencies.map(String.init).joined(separator: ",")]
            }))
            if let onnx { print("wrote \(manifest.subgraphs.count) ONNX subgraphs and manifest.json to \(onnx)") }
        }
    }
}
