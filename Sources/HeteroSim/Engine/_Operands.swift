import HeteroIR

/// Every operator's operands as tensor indices, looked up by name once per run and shared by the
/// table builders (each used to look every name up again, and to build a set per operator).
///
/// - Complexity: O(V + E) name look-ups for V operators and E operand uses.
struct _Operands {
    /// Per operator, its non-empty inputs in the order it lists them (a repeated input repeats).
    let inputs: _CSR
    /// Per operator, its non-empty outputs, and each one's position among all its outputs.
    let outputs: _CSR
    let outputPositions: _CSR
    /// Per operator, one data edge per distinct input an operator produces, in input order
    /// (`_DataEdge.incoming`): the producer and the tensor.
    let edgeProducers: _CSR
    let edgeTensors: _CSR

    init(_ graph: Graph) {
        let n = graph.operators.count
        var inputs = _CSRBuilder(reservingCapacity: 3 * n)
        var outputs = _CSRBuilder(reservingCapacity: n)
        var positions = _CSRBuilder(reservingCapacity: n)
        var producers = _CSRBuilder(reservingCapacity: 2 * n)
        var tensors = _CSRBuilder(reservingCapacity: 2 * n)
        var seen: [Int32] = []
        for (op, node) in graph.operators.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for input in node.inputs where !input.isEmpty {
                guard let tensor = graph.tensorIndex[input] else { continue }
                inputs.append(op, Int32(tensor))
                guard !seen.contains(Int32(tensor)) else { continue }
                seen.append(Int32(tensor))
                if let producer = graph.producer[tensor] {
                    producers.append(op, Int32(producer))
                    tensors.append(op, Int32(tensor))
                }
            }
            for (position, output) in node.outputs.enumerated() where !output.isEmpty {
                guard let tensor = graph.tensorIndex[output] else { continue }
                outputs.append(op, Int32(tensor))
                positions.append(op, Int32(position))
            }
        }
        self.inputs = inputs.build(count: n)
        self.outputs = outputs.build(count: n)
        self.outputPositions = positions.build(count: n)
        self.edgeProducers = producers.build(count: n)
        self.edgeTensors = tensors.build(count: n)
    }
}
