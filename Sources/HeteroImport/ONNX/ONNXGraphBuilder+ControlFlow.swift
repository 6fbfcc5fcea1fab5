import HeteroIR

/// Control flow (If, Loop, Scan), whose bodies are subgraphs reading outer-scope tensors.
///
/// Policy:
/// - `If` whose condition is known at load time is replaced by the chosen branch's operators.
/// - `If` with a run-time condition becomes one composite operator that reads every outer tensor
///   either branch reads; both branches are shape-inferred (their outputs must agree) and the
///   composite costs the more expensive branch (most MACs, then operations, then bytes), recorded
///   in its `costed_branch` attribute (and both branches' figures in `branch_work`, which
///   `plan --explain` prints), so the plan is never optimistic.
/// - `Loop` with a constant trip count M and `Scan` (whose trip count is the scan inputs' length)
///   become one composite costing trip count × body; loop-carried values must keep their shapes.
///   A `Loop` whose trip count is only known at run time is refused: its work has no static bound.
extension ONNXGraphBuilder {
    /// A subgraph inferred in a copy of this builder: outer tensors are visible, nothing leaks out.
    struct Subgraph {
        let outputs: [Tensor]
        let work: Work
        /// Outer-scope tensors the subgraph reads, sorted.
        let reads: [String]
    }

    func graphAttribute(_ node: Onnx_NodeProto, _ name: String, owner: String) throws(ImportError) -> Onnx_GraphProto {
        guard let attribute = node.attribute.first(where: { $0.name == name }), attribute.hasG else {
            throw .graph(file: file, .shape(operator: owner, type: node.opType, message: "attribute \(name) (a graph) is required"))
        }
        return attribute.g
    }

    /// The scope of a body: `the body of Loop "loop1"`, nested ones naming their enclosing scope.
    func scope(of attribute: String, owner: String, type: String) -> String {
        let own = "the \(attribute) of \(type) \"\(owner)\""
        return scope.isEmpty ? own : "\(own) in \(scope)"
    }

    func subgraph(_ graph: Onnx_GraphProto, attribute: String, inputs: [Tensor], owner: String, type: String) throws(ImportError) -> Subgraph {
        var inner = self
        inner.operators = []
        inner.scope = scope(of: attribute, owner: owner, type: type)
        try inner.addInitializers(graph.initializer)
        guard graph.input.count == inputs.count else {
            throw .graph(file: file, .shape(operator: owner, type: type, message: "its body declares \(graph.input.count) inputs, the operator provides \(inputs.count)"))
        }
        for (info, tensor) in zip(graph.input, inputs) {
            try inner.define(Tensor(name: info.name, shape: tensor.shape ?? [], elementType: tensor.elementType, kind: .input))
        }
        try inner.addNodes(graph.node)
        var outputs: [Tensor] = []
        for output in graph.output {
            guard let tensor = inner.tensors[output.name] else {
                throw .graph(file: file, .shape(operator: owner, type: type, message: "its body's output \"\(output.name)\" is not produced"))
            }
            outputs.append(tensor)
        }
        guard let work = Work.total(inner.operators.map(\.work)) else {
            throw .graph(file: file, .sizeOverflow(what: "the body of \(type) \"\(owner)\""))
        }
        var reads = Set(inner.operators.flatMap(\.inputs).filter { tensors[$0] != nil })
        reads.formUnion(graph.output.map(\.name).filter { tensors[$0] != nil })
        return Subgraph(outputs: outputs, work: work, reads: reads.sorted())
    }

    mutating func addIf(_ node: Onnx_NodeProto, name: String, inputs: [Tensor?]) throws(ImportError) {
        let thenBranch = try graphAttribute(node, "then_branch", owner: name)
        let elseBranch = try graphAttribute(node, "else_branch", owner: name)
        if let condition = inputs.first??.intValues?.first {
            let branch = condition != 0 ? thenBranch : elseBranch
            try addInitializers(branch.initializer)
            let outerScope = scope
            scope = scope(of: condition != 0 ? "then_branch" : "else_branch", owner: name, type: "If")
            try addNodes(branch.node)
            scope = outerScope
            for (index, (inner, outer)) in zip(branch.output.map(\.name), node.output).enumerated() where !outer.isEmpty {
                var forward = Onnx_NodeProto()
                forward.opType = "Identity"
                forward.input = [inner]
                forward.output = [outer]
                try addNode(forward, name: "\(name)/output\(index)")
            }
            return
        }
        let branches = [try subgraph(thenBranch, attribute: "then_branch", inputs: [], owner: name, type: "If"),
                        try subgraph(elseBranch, attribute: "else_branch", inputs: [], owner: name, type: "If")]
        for (index, (a, b)) in zip(branches[0].outputs, branches[1].outputs).enumerated() where a.shape != b.shape {
            throw .graph(file: file, .shape(operator: name, type: "If", message: "output \(index) has shape \(a.shape ?? []) in then_branch and \(b.shape ?? []) in else_branch; hetero-plan needs static shapes"))
        }
        func cost(_ work: Work) -> [Int] { [work.macs, work.flops, work.activationBytesRead + work.weightBytesRead + work.bytesWritten] }
        let costly = cost(branches[1].work).lexicographicallyPrecedes(cost(branches[0].work)) ? 0 : 1
        var attributes = ONNXAttributes.convert(node.attribute)
        attributes["costed_branch"] = .string(costly == 0 ? "then_branch" : "else_branch")
        func describe(_ work: Work) -> String {
            "\(work.macs) MACs, \(work.flops) other operations, \(work.activationBytesRead + work.weightBytesRead + work.bytesWritten) bytes"
        }
        attributes["branch_work"] = .string("then_branch \(describe(branches[0].work)); else_branch \(describe(branches[1].work))")
        let reads = Set(branches[0].reads + branches[1].reads).subtracting(node.input).sorted()
        try addComposite(node, name: name, attributes: attributes, reads: reads, outputs: branches[costly].outputs, work: branches[costly].work)
    }

    mutating func addLoop(_ node: Onnx_NodeProto, name: String, inputs: [Tensor?]) throws(ImportError) {
        let body = try graphAttribute(node, "body", owner: name)
        guard let trips = inputs.first??.intValues?.first, trips >= 0 else {
            throw .graph(file: file, .shape(operator: name, type: "Loop", message: "the trip count M must be a constant known at load time; a loop that ends on a run-time condition has no static size"))
        }
        let carried = inputs.dropFirst(2).map { $0 }
        var bodyInputs = [Tensor(name: "iteration", shape: [], elementType: .int64, kind: .input),
                          Tensor(name: "condition", shape: [], elementType: .bool, kind: .input)]
        for tensor in carried {
            guard let tensor else { throw .graph(file: file, .shape(operator: name, type: "Loop", message: "a loop-carried input is missing")) }
            bodyInputs.append(tensor)
        }
        let inner = try subgraph(body, attribute: "body", inputs: bodyInputs, owner: name, type: "Loop")
        let bodyOutputs = Array(inner.outputs.dropFirst())
        var outputs: [Tensor] = []
        for (index, output) in bodyOutputs.enumerated() {
            if index < carried.count {
                guard output.shape == carried[index]?.shape else {
                    throw .graph(file: file, .shape(operator: name, type: "Loop", message: "loop-carried value \(index) changes shape from \(carried[index]?.shape ?? []) to \(output.shape ?? []); hetero-plan needs static shapes"))
                }
                outputs.append(output)
            } else {
                outputs.append(Tensor(name: output.name, shape: [trips] + (output.shape ?? []), elementType: output.elementType, kind: .activation))
            }
        }
        guard let work = Work.total([inner.work], times: trips) else { throw .graph(file: file, .sizeOverflow(what: "Loop \"\(name)\" (\(trips) iterations)")) }
        var attributes = ONNXAttributes.convert(node.attribute)
        attributes["trip_count"] = .int(trips)
        try addComposite(node, name: name, attributes: attributes, reads: inner.reads.filter { !node.input.contains($0) }, outputs: outputs, work: work)
    }

    mutating func addScan(_ node: Onnx_NodeProto, name: String, inputs: [Tensor?]) throws(ImportError) {
        guard opset >= 9 else {
            throw .graph(file: file, .shape(operator: name, type: "Scan", message: "Scan-8 (with a batch axis and sequence lengths) is not supported; re-export with opset 9 or newer"))
        }
        let body = try graphAttribute(node, "body", owner: name)
        let attributes = ONNXAttributes.convert(node.attribute)
        let scanCount = attributes["num_scan_inputs"]?.intValue ?? 0
        let present = inputs.compactMap { $0 }
        guard scanCount > 0, scanCount <= present.count else {
            throw .graph(file: file, .shape(operator: name, type: "Scan", message: "num_scan_inputs \(scanCount) does not fit \(present.count) inputs"))
        }
        let states = Array(present.prefix(present.count - scanCount))
        let scanned = Array(present.suffix(scanCount))
        let inputAxes = attributes["scan_input_axes"]?.intsValue ?? Array(repeating: 0, count: scanCount)
        var trips: Int?
        var bodyInputs = states
        for (tensor, axis) in zip(scanned, inputAxes) {
            var shape = tensor.shape ?? []
            let normalized = axis < 0 ? axis + shape.count : axis
            guard normalized >= 0, normalized < shape.count, trips == nil || trips == shape[normalized] else {
                throw .graph(file: file, .shape(operator: name, type: "Scan", message: "scan input \"\(tensor.name)\" \(shape) does not have the common length on axis \(axis)"))
            }
            trips = shape[normalized]
            shape.remove(at: normalized)
            bodyInputs.append(Tensor(name: tensor.name, shape: shape, elementType: tensor.elementType, kind: .input))
        }
        let inner = try subgraph(body, attribute: "body", inputs: bodyInputs, owner: name, type: "Scan")
        let length = trips ?? 0
        let outputAxes = attributes["scan_output_axes"]?.intsValue ?? []
        var outputs: [Tensor] = []
        for (index, output) in inner.outputs.enumerated() {
            if index < states.count {
                outputs.append(output)
                continue
            }
            var shape = output.shape ?? []
            let position = index - states.count
            let axis = position < outputAxes.count ? outputAxes[position] : 0
            let normalized = axis < 0 ? axis + shape.count + 1 : axis
            guard normalized >= 0, normalized <= shape.count else {
                throw .graph(file: file, .shape(operator: name, type: "Scan", message: "scan_output_axes \(axis) is out of range"))
            }
            shape.insert(length, at: normalized)
            outputs.append(Tensor(name: output.name, shape: shape, elementType: output.elementType, kind: .activation))
        }
        guard let work = Work.total([inner.work], times: length) else { throw .graph(file: file, .sizeOverflow(what: "Scan \"\(name)\" (\(length) iterations)")) }
        var recorded = attributes
        recorded["trip_count"] = .int(length)
        try addComposite(node, name: name, attributes: recorded, reads: inner.reads.filter { !node.input.contains($0) }, outputs: outputs, work: work)
    }

    /// Adds a control-flow operator as one composite: its explicit inputs plus the outer tensors
    /// its bodies read (so dependencies and transfers are right), outputs shaped as inferred.
    private mutating func addComposite(_ node: Onnx_NodeProto, name: String, attributes: [String: AttributeValue], reads: [String],
                                       outputs: [Tensor], work: Work) throws(ImportError) {
        guard outputs.count >= node.output.filter({ !$0.isEmpty }).count else {
            throw .graph(file: file, .shape(operator: name, type: node.opType, message: "declares \(node.output.count) outputs but its body produces \(outputs.count)"))
        }
        for (index, output) in node.output.enumerated() where !output.isEmpty {
            let inferred = outputs[index]
            try define(Tensor(name: output, shape: inferred.shape ?? [], elementType: inferred.elementType, kind: .activation))
        }
        var op = Operator(name: name, type: node.opType, attributes: attributes, inputs: node.input + reads, outputs: node.output)
        op.work = work
        operators.append(op)
    }
}
