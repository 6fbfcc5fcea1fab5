extension QDQFolding {
    /// `graph` without the Relus that a following QuantizeLinear makes redundant; `graph` itself
    /// when there are none.
    ///
    /// A Relu whose only reader is a QuantizeLinear (and which is not a graph output) is removed,
    /// and the QuantizeLinear reads the Relu's input instead, when that Q's zero point is a
    /// constant single value equal to the lowest value of its type (uint8/uint16 0, int8 -128,
    /// int16 -32768, uint4 0, int4 -8): every negative input then saturates to the zero point,
    /// which dequantizes to 0.0, exactly as Relu would make it. This is ONNX Runtime's
    /// `ReluQuantFusion` (`onnxruntime/core/optimizer/qdq_transformer/relu_quantizelinear.cc`:
    /// Relu with one output edge into a QuantizeLinear whose constant zero point is -128 for int8
    /// or 0 for uint8 is removed) and the Intel NPU compiler's `FoldReLUBeforeFQ`
    /// (`openvinotoolkit/npu_plugin src/vpux_compiler/src/dialect/IE/passes/fold_relu_before_fq.cpp`:
    /// a ReLU before a FakeQuantize whose input low is non-negative is removed). ONNX Runtime's
    /// quantizer leaves such Relus after ResNet's residual Sum/Add (Sum -> Relu -> Q); without
    /// this the Sum cannot join a QDQ group.
    ///
    /// - Complexity: O(V + E) for V operators and E tensor uses.
    static func removingRedundantRelus(_ graph: Graph) throws(GraphError) -> Graph {
        var bypassed: [String: String] = [:]  // Relu output -> Relu input
        var removed = Set<Int>()
        for (index, op) in graph.operators.enumerated() where op.type == "Relu" && op.quantizedType == nil {
            guard op.inputs.count == 1, op.outputs.count == 1, !op.inputs[0].isEmpty,
                  !graph.outputs.contains(op.outputs[0]), let output = graph.tensorIndex[op.outputs[0]] else { continue }
            let readers = graph.consumers[output]
            guard readers.count == 1 else { continue }
            let quantize = graph.operators[readers[0]]
            guard quantize.type == "QuantizeLinear", quantize.inputs.first == op.outputs[0],
                  quantize.inputs.dropFirst().allSatisfy({ $0 != op.outputs[0] }),
                  saturatesNegatives(quantize, in: graph) else { continue }
            bypassed[op.outputs[0]] = op.inputs[0]
            removed.insert(index)
        }
        guard !removed.isEmpty else { return graph }
        var operators: [Operator] = []
        operators.reserveCapacity(graph.operators.count - removed.count)
        for (index, original) in graph.operators.enumerated() where !removed.contains(index) {
            var op = original
            if op.type == "QuantizeLinear", let source = op.inputs.first.flatMap({ bypassed[$0] }) { op.inputs[0] = source }
            operators.append(op)
        }
        let tensors = graph.tensors.filter { bypassed[$0.name] == nil }
        return try Graph(name: graph.name, tensors: tensors, operators: operators, inputs: graph.inputs, outputs: graph.outputs)
    }

    /// Whether a QuantizeLinear's zero point is a known single value equal to the lowest value of
    /// its integer type, so that it maps every negative input to the value 0.0 maps to.
    static func saturatesNegatives(_ quantize: Operator, in graph: Graph) -> Bool {
        guard quantize.inputs.count >= 3, let zeroPoint = graph.tensor(named: quantize.inputs[2]),
              zeroPoint.kind == .constant, let values = zeroPoint.intValues, values.count == 1 else { return false }
        let lowest: Int
        switch zeroPoint.elementType {
        case .uint8, .uint16, .uint4: lowest = 0
        case .int8: lowest = -128
        case .int16: lowest = -32_768
        case .int4: lowest = -8
        default: return false
        }
        return values[0] == lowest
    }
}
