import HeteroIR

/// The figures `inspect` prints for one model.
struct ModelReport: Encodable {
    struct TypeRow: Encodable {
        let type: String
        let count: Int
        let macs: Int
        let flops: Int
    }

    let model: String
    /// Number of runtime operators (folded constants excluded).
    let operators: Int
    let operatorsByType: [String: Int]
    let types: [TypeRow]
    /// Multiply-accumulates of Conv, ConvTranspose, Gemm and MatMul.
    let macs: Int
    /// Other arithmetic.
    let flops: Int
    /// Bytes of all constant tensors read by operators.
    let weightBytes: Int
    /// Bytes of all activation tensors (every intermediate and output, each counted once).
    let activationBytes: Int
    /// The largest single activation tensor.
    let largestActivationBytes: Int
    let inputs: [String: [Int]]
    let outputs: [String]
    /// Every tensor of the graph in the graph's order, with its inferred shape and element type.
    let tensors: [TensorRow]

    enum CodingKeys: String, CodingKey {
        case model, operators, macs, flops, inputs, outputs, types, tensors
        case operatorsByType = "operators_by_type"
        case weightBytes = "weight_bytes"
        case activationBytes = "activation_bytes"
        case largestActivationBytes = "largest_activation_bytes"
    }

    init(graph: Graph) {
        model = graph.name
        operators = graph.operators.count
        var byType: [String: TypeRow] = [:]
        for op in graph.operators {
            let row = byType[op.type] ?? TypeRow(type: op.type, count: 0, macs: 0, flops: 0)
            byType[op.type] = TypeRow(type: op.type, count: row.count + 1, macs: row.macs + op.work.macs, flops: row.flops + op.work.flops)
        }
        types = byType.values.sorted { ($0.count, $1.type) > ($1.count, $0.type) }
        operatorsByType = byType.mapValues(\.count)
        let total = graph.totalWork
        macs = total.macs
        flops = total.flops
        weightBytes = graph.tensors.filter { $0.kind == .constant }.reduce(0) { $0 + $1.byteSize }
        let activations = graph.tensors.filter { $0.kind == .activation }
        activationBytes = activations.reduce(0) { $0 + $1.byteSize }
        largestActivationBytes = activations.map(\.byteSize).max() ?? 0
        var inputShapes: [String: [Int]] = [:]
        for name in graph.inputs { inputShapes[name] = graph.tensor(named: name)?.shape ?? [] }
        inputs = inputShapes
        outputs = graph.outputs
        tensors = graph.tensors.indices.map { index in
            TensorRow(graph.tensors[index], producer: graph.producer[index].map { graph.operators[$0].name })
        }
    }

    /// The summary and per-type table; with `tensors`, also one row per tensor.
    func table(tensors showTensors: Bool = false) -> String {
        var lines: [String] = []
        lines.append("model      \(model)")
        for name in inputs.keys.sorted() {
            lines.append("input      \(name) \(inputs[name]!.map(String.init).joined(separator: "x"))")
        }
        lines.append("outputs    \(outputs.joined(separator: ", "))")
        lines.append("operators  \(operators)")
        lines.append("MACs       \(Quantity.giga(macs)) (\(macs))")
        lines.append("other ops  \(Quantity.giga(flops)) (\(flops))")
        lines.append("weights    \(Quantity.bytes(weightBytes))")
        lines.append("activations \(Quantity.bytes(activationBytes)) in total, largest \(Quantity.bytes(largestActivationBytes))")
        lines.append("")
        let table = TextTable(headers: ["type", "count", "MACs", "other ops"], alignRight: [false, true, true, true])
        var rows = types.map { [$0.type, String($0.count), Quantity.giga($0.macs), Quantity.giga($0.flops)] }
        rows.append(["total", String(operators), Quantity.giga(macs), Quantity.giga(flops)])
        lines.append(table.render(rows))
        if showTensors {
            lines.append("")
            let tensorTable = TextTable(headers: ["tensor", "shape", "type", "kind", "bytes", "producer"],
                                        alignRight: [false, false, false, false, true, false])
            lines.append(tensorTable.render(tensors.map { [$0.name, $0.shapeText, $0.elementType, $0.kind, String($0.bytes), $0.producer ?? "-"] }))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
